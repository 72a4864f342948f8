/** Word lists for the demo registry: common Thai names with their usual romanisation, provinces, hospitals. */

export const MALE_FIRST: [string, string][] = [
	['สมชาย', 'Somchai'],
	['สมศักดิ์', 'Somsak'],
	['ประเสริฐ', 'Prasert'],
	['วีระ', 'Weera'],
	['ชัยวัฒน์', 'Chaiwat'],
	['สุรชัย', 'Surachai'],
	['อนุชา', 'Anucha'],
	['ธนากร', 'Thanakorn'],
	['กิตติพงษ์', 'Kittipong'],
	['ณัฐพล', 'Nattapon'],
	['ปิยะ', 'Piya'],
	['วิชัย', 'Wichai'],
	['บุญมี', 'Boonmee'],
	['สมบัติ', 'Sombat'],
	['เอกชัย', 'Ekkachai'],
	['ธีรวัฒน์', 'Teerawat'],
	['จักรพันธ์', 'Jakkapan'],
	['พงศกร', 'Pongsakorn'],
	['อภิชาติ', 'Apichat'],
	['ศุภชัย', 'Supachai'],
	['ภานุวัฒน์', 'Panuwat'],
	['นพดล', 'Noppadon'],
	['ยุทธนา', 'Yuttana'],
	['สุทธิพงษ์', 'Sutthipong']
];
export const FEMALE_FIRST: [string, string][] = [
	['สุดา', 'Suda'],
	['วิภา', 'Wipa'],
	['มาลี', 'Malee'],
	['สมใจ', 'Somjai'],
	['กาญจนา', 'Kanjana'],
	['ศิริพร', 'Siriporn'],
	['นภา', 'Napa'],
	['อรุณี', 'Arunee'],
	['พรทิพย์', 'Pornthip'],
	['จันทร์เพ็ญ', 'Chanpen'],
	['ปราณี', 'Pranee'],
	['รัตนา', 'Rattana'],
	['สุภาพร', 'Supaporn'],
	['วันเพ็ญ', 'Wanpen'],
	['ธิดารัตน์', 'Thidarat'],
	['ณัฐธิดา', 'Nattida'],
	['พิมพ์ชนก', 'Pimchanok'],
	['อัญชลี', 'Anchalee'],
	['เยาวลักษณ์', 'Yaowalak'],
	['ลำดวน', 'Lamduan'],
	['ขวัญใจ', 'Khwanjai'],
	['เพ็ญศรี', 'Pensri'],
	['ดวงใจ', 'Duangjai'],
	['จิราพร', 'Jiraporn']
];
export const LAST: [string, string][] = [
	['ใจดี', 'Jaidee'],
	['รักไทย', 'Rakthai'],
	['มั่นคง', 'Mankong'],
	['ศรีสุข', 'Srisuk'],
	['ทองมา', 'Thongma'],
	['แก้วมณี', 'Kaewmanee'],
	['บุญเรือง', 'Boonruang'],
	['สุขสวัสดิ์', 'Suksawat'],
	['วงศ์สวัสดิ์', 'Wongsawat'],
	['ศรีวงศ์', 'Sriwong'],
	['พรหมมา', 'Prommma'],
	['จันทร์แก้ว', 'Chankaew'],
	['ทองดี', 'Thongdee'],
	['สายทอง', 'Saithong'],
	['เพชรรัตน์', 'Petcharat'],
	['อินทร์แก้ว', 'Inkaew'],
	['คำภา', 'Khampa'],
	['ประเสริฐสุข', 'Prasertsuk'],
	['นาคสวัสดิ์', 'Naksawat'],
	['สมบูรณ์', 'Somboon'],
	['แสงทอง', 'Saengthong'],
	['พึ่งบุญ', 'Phuengboon'],
	['ชัยมงคล', 'Chaimongkol'],
	['บุญมา', 'Boonma'],
	['ศักดิ์ดี', 'Sakdee'],
	['เจริญผล', 'Charoenphon'],
	['อยู่สุข', 'Yoosuk'],
	['มีสุข', 'Meesuk'],
	['ทรัพย์มาก', 'Sapmak'],
	['สุวรรณ', 'Suwan']
];

export { PROVINCES } from '$lib/format/provinces';

export const COMPANY_WORDS: [string, string][] = [
	['สยาม', 'Siam'],
	['ไทยรุ่งเรือง', 'Thai Rungruang'],
	['เจริญกิจ', 'Charoenkit'],
	['ทองไทย', 'Thong Thai'],
	['รวมใจ', 'Ruamjai'],
	['ศรีนคร', 'Sri Nakhon'],
	['มหาชัย', 'Mahachai'],
	['บางกอก', 'Bangkok'],
	['ไทยพัฒนา', 'Thai Pattana'],
	['สุขใจ', 'Sukjai'],
	['ชัยพฤกษ์', 'Chaiyaphruek'],
	['เอเชีย', 'Asia']
];
export const COMPANY_KINDS: [string, string][] = [
	['อาหาร', 'Foods'],
	['การช่าง', 'Engineering'],
	['โลจิสติกส์', 'Logistics'],
	['การพิมพ์', 'Printing'],
	['อิเล็กทรอนิกส์', 'Electronics'],
	['ค้าปลีก', 'Retail'],
	['ก่อสร้าง', 'Construction'],
	['สิ่งทอ', 'Textiles'],
	['บริการ', 'Services'],
	['ยานยนต์', 'Auto Parts']
];

/** Hospitals in the social security network: name, province index (PROVINCES), district, public or private. */
export const HOSPITALS: { th: string; en: string; province: number; districtTh: string; districtEn: string; type: 'public' | 'private' }[] = [
	{ th: 'โรงพยาบาลราชวิถี', en: 'Rajavithi Hospital', province: 0, districtTh: 'ราชเทวี', districtEn: 'Ratchathewi', type: 'public' },
	{ th: 'โรงพยาบาลเลิดสิน', en: 'Lerdsin Hospital', province: 0, districtTh: 'บางรัก', districtEn: 'Bang Rak', type: 'public' },
	{ th: 'โรงพยาบาลนพรัตนราชธานี', en: 'Nopparat Rajathanee Hospital', province: 0, districtTh: 'คันนายาว', districtEn: 'Khan Na Yao', type: 'public' },
	{ th: 'โรงพยาบาลพระนั่งเกล้า', en: 'Phranangklao Hospital', province: 1, districtTh: 'เมืองนนทบุรี', districtEn: 'Mueang Nonthaburi', type: 'public' },
	{ th: 'โรงพยาบาลปทุมธานี', en: 'Pathum Thani Hospital', province: 2, districtTh: 'เมืองปทุมธานี', districtEn: 'Mueang Pathum Thani', type: 'public' },
	{ th: 'โรงพยาบาลสมุทรปราการ', en: 'Samut Prakan Hospital', province: 3, districtTh: 'เมืองสมุทรปราการ', districtEn: 'Mueang Samut Prakan', type: 'public' },
	{ th: 'โรงพยาบาลชลบุรี', en: 'Chon Buri Hospital', province: 4, districtTh: 'เมืองชลบุรี', districtEn: 'Mueang Chon Buri', type: 'public' },
	{ th: 'โรงพยาบาลระยอง', en: 'Rayong Hospital', province: 5, districtTh: 'เมืองระยอง', districtEn: 'Mueang Rayong', type: 'public' },
	{ th: 'โรงพยาบาลนครพิงค์', en: 'Nakornping Hospital', province: 6, districtTh: 'แม่ริม', districtEn: 'Mae Rim', type: 'public' },
	{ th: 'โรงพยาบาลขอนแก่น', en: 'Khon Kaen Hospital', province: 7, districtTh: 'เมืองขอนแก่น', districtEn: 'Mueang Khon Kaen', type: 'public' },
	{
		th: 'โรงพยาบาลมหาราชนครราชสีมา',
		en: 'Maharat Nakhon Ratchasima Hospital',
		province: 8,
		districtTh: 'เมืองนครราชสีมา',
		districtEn: 'Mueang Nakhon Ratchasima',
		type: 'public'
	},
	{ th: 'โรงพยาบาลหาดใหญ่', en: 'Hat Yai Hospital', province: 9, districtTh: 'หาดใหญ่', districtEn: 'Hat Yai', type: 'public' },
	{ th: 'โรงพยาบาลวชิระภูเก็ต', en: 'Vachira Phuket Hospital', province: 10, districtTh: 'เมืองภูเก็ต', districtEn: 'Mueang Phuket', type: 'public' },
	{
		th: 'โรงพยาบาลพระนครศรีอยุธยา',
		en: 'Phra Nakhon Si Ayutthaya Hospital',
		province: 11,
		districtTh: 'พระนครศรีอยุธยา',
		districtEn: 'Phra Nakhon Si Ayutthaya',
		type: 'public'
	},
	{ th: 'โรงพยาบาลตำรวจ', en: 'Police General Hospital', province: 0, districtTh: 'ปทุมวัน', districtEn: 'Pathum Wan', type: 'public' },
	{ th: 'โรงพยาบาลเกษมราษฎร์ บางแค', en: 'Kasemrad Hospital Bang Khae', province: 0, districtTh: 'บางแค', districtEn: 'Bang Khae', type: 'private' },
	{
		th: 'โรงพยาบาลบางปะกอก 9 อินเตอร์เนชั่นแนล',
		en: 'Bangpakok 9 International Hospital',
		province: 0,
		districtTh: 'ราษฎร์บูรณะ',
		districtEn: 'Rat Burana',
		type: 'private'
	},
	{ th: 'โรงพยาบาลกล้วยน้ำไท', en: 'Kluaynamthai Hospital', province: 0, districtTh: 'คลองเตย', districtEn: 'Khlong Toei', type: 'private' },
	{ th: 'โรงพยาบาลเปาโล พหลโยธิน', en: 'Paolo Hospital Phahonyothin', province: 0, districtTh: 'พญาไท', districtEn: 'Phaya Thai', type: 'private' },
	{ th: 'โรงพยาบาลบางนา 1', en: 'Bangna 1 Hospital', province: 3, districtTh: 'บางพลี', districtEn: 'Bang Phli', type: 'private' },
	{
		th: 'โรงพยาบาลเกษมราษฎร์ ศรีบุรินทร์',
		en: 'Kasemrad Sriburin Hospital',
		province: 6,
		districtTh: 'เมืองเชียงใหม่',
		districtEn: 'Mueang Chiang Mai',
		type: 'private'
	},
	{ th: 'โรงพยาบาลพญาไท ศรีราชา', en: 'Phyathai Sriracha Hospital', province: 4, districtTh: 'ศรีราชา', districtEn: 'Si Racha', type: 'private' }
];
