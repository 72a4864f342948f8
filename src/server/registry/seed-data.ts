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

export const HOSPITAL_NAMES: [string, string][] = [
	['โรงพยาบาลราชวิถี', 'Rajavithi Hospital'],
	['โรงพยาบาลเลิดสิน', 'Lerdsin Hospital'],
	['โรงพยาบาลนพรัตนราชธานี', 'Nopparat Rajathanee Hospital'],
	['โรงพยาบาลพระนั่งเกล้า', 'Phranangklao Hospital'],
	['โรงพยาบาลปทุมธานี', 'Pathum Thani Hospital'],
	['โรงพยาบาลสมุทรปราการ', 'Samut Prakan Hospital'],
	['โรงพยาบาลชลบุรี', 'Chon Buri Hospital'],
	['โรงพยาบาลระยอง', 'Rayong Hospital'],
	['โรงพยาบาลนครพิงค์', 'Nakornping Hospital'],
	['โรงพยาบาลขอนแก่น', 'Khon Kaen Hospital'],
	['โรงพยาบาลมหาราชนครราชสีมา', 'Maharat Nakhon Ratchasima Hospital'],
	['โรงพยาบาลหาดใหญ่', 'Hat Yai Hospital'],
	['โรงพยาบาลวชิระภูเก็ต', 'Vachira Phuket Hospital'],
	['โรงพยาบาลพระนครศรีอยุธยา', 'Phra Nakhon Si Ayutthaya Hospital']
];
/** province index of each hospital above */
export const HOSPITAL_PROVINCE = [0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
