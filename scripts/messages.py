# Source of the UI messages: one table, Thai first, English second. Writes messages/th.json and messages/en.json.
# Run: python3 scripts/messages.py   (the JSON files are committed; Paraglide compiles them)
import json, collections
M = collections.OrderedDict()
def msg(key, th, en): M[key] = (th, en)

msg('app_name', 'ประกันสังคมออนไลน์', 'Prakan – Social Security Online')
msg('app_short', 'ประกันสังคม', 'Social Security')
msg('skip_to_content', 'ข้ามไปยังเนื้อหา', 'Skip to main content')
msg('lang_switch_label', 'ภาษา', 'Language')
msg('lang_switch_to', 'English', 'ภาษาไทย')
msg('lang_switch_aria', 'Switch to English', 'เปลี่ยนเป็นภาษาไทย')
msg('nav_login', 'เข้าสู่ระบบ', 'Log in')
msg('nav_register', 'ลงทะเบียน', 'Register')
msg('nav_logout', 'ออกจากระบบ', 'Log out')
msg('nav_home', 'หน้าหลัก', 'Home')
msg('footer_hotline', 'สายด่วนประกันสังคม 1506 (ตลอด 24 ชั่วโมง)', 'SSO hotline 1506 (24 hours)')
msg('footer_privacy', 'นโยบายการคุ้มครองข้อมูลส่วนบุคคล', 'Privacy policy')
msg('footer_note', 'ระบบตัวอย่างสำหรับทดสอบ ข้อมูลทั้งหมดเป็นข้อมูลสมมุติ', 'A demonstration system. All data is fictitious.')
msg('back', 'ย้อนกลับ', 'Back')
msg('continue', 'ดำเนินการต่อ', 'Continue')
msg('error_prefix', 'ข้อผิดพลาด: ', 'Error: ')
msg('error_summary_title', 'มีข้อผิดพลาด', 'There is a problem')
msg('required_note', 'ทุกช่องต้องกรอก', 'All fields are required')

# Landing
msg('landing_title', 'ดูสิทธิและยื่นเรื่องประกันสังคมได้เองทางออนไลน์', 'Check your social security and apply online')
msg('landing_lead', 'ดูสถานะผู้ประกันตน สถานพยาบาล เงินสมทบ และเงินสะสมกรณีชราภาพของคุณได้ทุกเวลา', 'See your insured status, hospital, contributions and old-age savings at any time.')
msg('landing_lead2', 'สมัครมาตรา 40 และขอรับประโยชน์ทดแทนกรณีว่างงานได้โดยไม่ต้องไปสำนักงาน', 'Join section 40 and claim unemployment benefit without going to an office.')
msg('landing_register', 'ลงทะเบียนใช้งาน', 'Create an account')
msg('landing_login', 'เข้าสู่ระบบ', 'Log in')
msg('landing_need', 'สิ่งที่ต้องใช้ในการลงทะเบียน', 'What you need to register')
msg('landing_need_id', 'เลขบัตรประชาชน 13 หลัก ชื่อ นามสกุล และวันเกิดตามบัตร', 'Your 13-digit national ID number, name and birth date as on your ID card')
msg('landing_need_phone', 'โทรศัพท์มือถือที่รับ SMS ได้ เพื่อรับรหัสยืนยัน (OTP)', 'A mobile phone that can receive text messages, for a one-time code')
msg('landing_time', 'ใช้เวลาประมาณ 3 นาที', 'It takes about 3 minutes')

# Steps
msg('step_terms', 'ข้อตกลง', 'Terms')
msg('step_details', 'ข้อมูลส่วนตัว', 'Your details')
msg('step_verify', 'ยืนยันตัวตน', 'Verify')
msg('step_of', 'ขั้นตอนที่ {n} จาก 3', 'Step {n} of 3')
msg('step_current', '(ขั้นตอนปัจจุบัน)', '(current step)')
msg('step_done', '(เสร็จแล้ว)', '(completed)')
msg('register_title', 'ลงทะเบียนผู้ใช้งาน', 'Register')

# Terms
msg('terms_title', 'นโยบายการคุ้มครองสิทธิ์ข้อมูลส่วนบุคคล', 'Personal data protection policy')
msg('terms_intro', 'สำนักงานประกันสังคม มีนโยบายในการคุ้มครองข้อมูลส่วนบุคคลของผู้ใช้บริการทุกท่านโดยสังเขปดังนี้ ข้อมูลส่วนบุคคลที่ท่านได้ให้หรือใช้ผ่านการประมวลผล ของเครื่องคอมพิวเตอร์ ที่ควบคุมการทำงาน ของเว็บไซด์ ของสำนักงานประกันสังคมทั้งหมดนั้น ท่านยอมรับและตกลงว่าเป็นสิทธิและกรรมสิทธิ์ของสำนักงาน ประกันสังคม ซึ่งสำนักงานประกันสังคม จะให้ความคุ้มครองความลับ ดังกล่าวอย่างดีที่สุด โดยสำนักงานประกันสังคมขอเรียนว่าปัจจุบันสำนักงานประกันสังคมได้ใช้ ระบบรักษาความปลอดภัยที่ได้มาตรฐานเพื่อคุ้มครองข้อมูลดังกล่าว อย่างไรก็ตาม เพื่อความปลอดภัย ในข้อมูลส่วนบุคคลของท่าน ท่านควรปฏิบัติตามข้อกำหนด และเงื่อนไขการให้ บริการของเว็บไซด์ ของสำนักงานประกันสังคม แต่ละเว็บไซด์โดยเคร่งครัด ในกรณีที่ข้อมูลส่วนบุคคลดังกล่าว ถูกจารกรรมโดยวิธีการทาง อิเล็กทรอนิกส์ (hack)หรือสูญหาย เสียหายอันเนื่องจากเหตุสุดวิสัยหรือไม่ว่ากรณีใดๆทั้งสิ้น สำนักงานประกันสังคมขอสงวนสิทธิในการปฏิเสธความรับผิดจากเหตุ ดังกล่าวทั้งหมด',
    'The Social Security Office protects the personal data of everyone who uses its services, in short as follows. You accept and agree that the personal data you give or use through the computers that run the Social Security Office\'s websites belong to the Social Security Office, which will protect their confidentiality as well as it can. The Office uses standard security systems to protect that data. Even so, for the safety of your personal data you should strictly follow the terms and conditions of each Social Security Office website. If such personal data are stolen electronically (hacked), lost or damaged by force majeure or for any other reason whatsoever, the Social Security Office reserves the right to refuse all liability for it.')
msg('terms_rules_title', 'ผู้เข้าร่วมพึงต้องปฏิบัติดังต่อไปนี้', 'Participants must observe the following')
TERMS = [
 ('ห้ามเสนอข้อความหรือเนื้อหาอันเป็นการวิพากษ์วิจารณ์ หรือพาดพิงสถาบันมหากษัตริย์ และราชวงศ์ เป็นอันขาด', 'Never post text or content that criticises or refers to the monarchy or the royal family.'),
 ('ห้ามเสนอข้อความหรือเนื้อหาที่ส่อไปในทางหยาบคาย ก้าวร้าว เกินกว่าที่บันทัดฐานของสังคมจะยอมรับได้', 'Do not post text or content that is rude or aggressive beyond what society accepts.'),
 ('ห้ามเสนอข้อความหรือเนื้อหาที่ส่อไปในทางลามก อนาจาร', 'Do not post obscene or indecent text or content.'),
 ('ห้ามเสนอข้อความอันมีเจตนาใส่ความบุคคลอื่น ให้ได้รับการดูหมิ่นเกลียดชังจากบุคคลอื่น โดยไม่มีแหล่งที่มาของข้อมูลอ้างอิงที่ชัดเจน', 'Do not post text meant to defame another person and expose them to contempt or hatred without a clear source.'),
 ('ห้ามเสนอข้อความอันเป็นการท้าทาย ชักชวน โดยมีเจตนาก่อให้เกิดการทะเลาะวิวาท หรือก่อให้เกิดความวุ่นวายขึ้น โดยมูลแห่งความขัดแย้งดังกล่าว ไม่ใช่การแสดงความคิดเห็นโดยเสรีเช่นวิญญูชน พึงกระทำ', 'Do not post text that provokes or incites quarrels or disorder, where the conflict is not the free expression of opinion a reasonable person would make.'),
 ('ห้ามเสนอข้อความกล่าวโจมตี หรือวิพากษ์วิจารณ์ในทางเสียหายต่อ ศาสนา หรือคำสอนของศาสนาใดๆ ทุกศาสนา', 'Do not post text that attacks or disparages any religion or its teachings.'),
 ('ห้ามใช้นามแฝงอันเป็นชื่อจริงของผู้อื่น โดยมีเจตนาทำให้สาธารณะชนเข้าใจผิด และเจ้าของชื่อผู้นั้นได้รับความเสียหาย หรือเสื่อมเสียชื่อเสียง', 'Do not use another person\'s real name as a pseudonym to mislead the public and harm that person or their reputation.'),
 ('ห้ามเสนอข้อความอันอาจเป็นเหตุให้เกิดความขัดแย้งขึ้นในระหว่างสถาบันการศึกษา หรือระหว่างสังคมใดๆ', 'Do not post text that may cause conflict between educational institutions or between any communities.'),
 ('ห้ามเสนอข้อมูลส่วนตัวของผู้อื่น เช่น เบอร์เพจ, e-mail address หรือหมายเลขโทรศัพท์ โดยมีเจตนากลั่นแกล้งให้ผู้อื่นได้รับความเดือดร้อนรำคาญ โดยเฉพาะอย่างยิ่งกรณีเบอร์เพจหรือโทรศัพท์ เนื่องจากเป็นข้อมูลที่มีโอกาสผิดพลาดคลาดเคลื่อน และเป็นสื่อที่สามารถใช้ในการกลั่นแกล้งได้ง่ายกว่าชนิดอื่น สำนักงานประกันสังคมจึงไม่มีวัตถุประสงค์ในการเป็นสื่อกลางในการนำเสนอ', 'Do not post other people\'s personal data, such as pager numbers, e-mail addresses or phone numbers, to harass them, especially pager or phone numbers, which may be wrong and are easier to misuse than other media; the Social Security Office does not intend to be a medium for publishing them.'),
 ('ห้ามเสนอข้อความหรือเนื้อหาอันเป็นสิ่งที่เกี่ยวข้องกับสิ่งผิดกฎหมาย หรือศีลธรรมอันดีของสังคม หากพบการกระทำดังกล่าว ทางสำนักงานประกันสังคมขอสงวนสิทธิใน ลบความคิดเห็น หรือระงับการให้บริการท่าน โดยไม่ต้องชี้แจงเหตุผลใดๆและไม่แจ้งล่วงหน้า', 'Do not post text or content related to anything illegal or against public morals. If such conduct is found, the Social Security Office reserves the right to delete the comment or suspend your service without giving reasons and without notice.'),
]
for i, (th, en) in enumerate(TERMS, 1): msg(f'terms_rule_{i}', th, en)
msg('terms_how_we_use', 'เราใช้ข้อมูลของคุณเพื่อยืนยันตัวตนกับทะเบียนผู้ประกันตนและแสดงข้อมูลของคุณเองเท่านั้น และบันทึกทุกครั้งที่มีผู้อื่นเรียกดูข้อมูลของคุณ', 'We use your data only to check your identity against the insured-persons register and to show you your own records, and we log every time anyone else views your data.')
msg('terms_accept', 'ข้าพเจ้าได้อ่านและยอมรับนโยบายและข้อตกลงข้างต้น', 'I have read and accept the policy and terms above')
msg('err_terms', 'โปรดยอมรับข้อตกลงก่อนดำเนินการต่อ', 'Accept the terms to continue')

# Details
msg('details_title', 'ข้อมูลส่วนตัว', 'Your details')
msg('details_intro', 'กรอกข้อมูลให้ตรงกับบัตรประชาชน เราจะตรวจสอบกับทะเบียนผู้ประกันตน', 'Enter your details exactly as on your ID card. We check them against the insured-persons register.')
msg('f_national_id', 'เลขบัตรประชาชน', 'National ID number')
msg('f_national_id_hint', 'เลข 13 หลักบนบัตรประชาชน ใช้เป็นชื่อผู้ใช้งาน', 'The 13-digit number on your ID card. It will be your username.')
msg('f_first_name', 'ชื่อ', 'First name')
msg('f_last_name', 'นามสกุล', 'Last name')
msg('f_name_hint', 'ไม่ต้องใส่คำนำหน้าชื่อ', 'Without a title (Mr, Ms…)')
msg('f_birth_date', 'วันเกิด', 'Date of birth')
msg('f_birth_date_hint', 'ตัวอย่าง 27 3 2528 (ปี พ.ศ.)', 'For example 27 3 2528 (year in the Buddhist Era, BE)')
msg('f_day', 'วัน', 'Day')
msg('f_month', 'เดือน', 'Month')
msg('f_year_be', 'ปี (พ.ศ.)', 'Year (BE)')
msg('f_phone', 'หมายเลขโทรศัพท์มือถือ', 'Mobile phone number')
msg('f_phone_hint', 'เราจะส่งรหัสยืนยัน (OTP) ไปที่หมายเลขนี้ เช่น 081 234 5678', 'We will text a one-time code to this number, e.g. 081 234 5678')
msg('f_password', 'รหัสผ่าน', 'Password')
msg('f_password_new', 'ตั้งรหัสผ่าน', 'Create a password')
msg('f_password_hint', 'อย่างน้อย 8 ตัวอักษร ใช้ตัวอักษรใดก็ได้ รวมถึงภาษาไทยและการเว้นวรรค ห้ามใช้รหัสที่เดาง่าย เลขบัตรประชาชน เบอร์โทรศัพท์ หรือวันเกิด', 'At least 8 characters of any kind, including Thai letters and spaces. Not an easy-to-guess password, and not your ID, phone number or birth date.')
msg('f_password_confirm', 'ยืนยันรหัสผ่าน', 'Confirm password')
msg('show_password', 'แสดงรหัสผ่าน', 'Show password')
msg('hide_password', 'ซ่อนรหัสผ่าน', 'Hide password')
msg('err_national_id', '*โปรดป้อนหมายเลขบัตรประชาชนที่ถูกต้องเพื่อใช้เป็นชื่อผู้ใช้งาน', '*Enter a valid national ID number to use as your username')
msg('err_phone', '*โปรดป้อนเบอร์ที่ถูกต้องเพื่อใช้ในการยืนยันตัว', '*Enter a valid mobile number for verification')
msg('err_first_name', '*โปรดป้อนชื่อ', '*Enter your first name')
msg('err_last_name', '*โปรดป้อนนามสกุล', '*Enter your last name')
msg('err_birth_day', '*โปรดป้อนวันเกิดที่ถูกต้อง', '*Enter a valid day of birth')
msg('err_birth_month', '*โปรดป้อนเดือนเกิดทีถูกต้อง', '*Enter a valid month of birth')
msg('err_birth_year', '*โปรดป้อนปีเกิดที่ถูกต้อง', '*Enter a valid year of birth (BE)')
msg('err_password_short', '*รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร', '*The password must have at least 8 characters')
msg('err_password_long', '*รหัสผ่านยาวเกิน 128 ตัวอักษร', '*The password must have at most 128 characters')
msg('err_password_common', '*รหัสผ่านนี้เดาง่ายเกินไป โปรดตั้งรหัสผ่านอื่น', '*This password is too easy to guess. Choose another one')
msg('err_password_personal', '*รหัสผ่านต้องไม่มีเลขบัตรประชาชน เบอร์โทรศัพท์ หรือวันเกิดของคุณ', '*The password must not contain your ID number, phone number or birth date')
msg('err_password_required', '*โปรดป้อนรหัสผ่าน', '*Enter your password')
msg('err_password_confirm', '*ยืนยันรหัสผ่านไม่ถูกต้อง/ไม่ตรงกับรหัสผ่านที่ตั้งไว้', '*The confirmation does not match the password')
msg('err_registry_mismatch', 'ข้อมูลไม่ตรงกับทะเบียนผู้ประกันตน โปรดตรวจสอบเลขบัตรประชาชน ชื่อ นามสกุล และวันเกิดให้ตรงกับบัตรประชาชน แล้วลองอีกครั้ง', 'Your details do not match the register. Check your ID number, first name, last name and date of birth against your ID card and try again.')
msg('already_registered', 'เลขที่บัตรประชาชนมีการลงทะเบียนแล้ว', 'This national ID number is already registered')
msg('already_registered_forgot', 'หากลืมรหัสผ่าน กรุณา', 'If you forgot your password,')
msg('already_registered_link', 'คลิกที่นี่', 'reset it here')
msg('already_registered_help', 'หากไม่สามารถกู้คืนรหัสผ่านกรุณาติดต่อเจ้าหน้าที่ 1506', 'If you cannot recover your password, call 1506')
msg('err_rate_limited', 'มีการขอมากเกินไป โปรดลองใหม่หลังเวลา {time} น.', 'Too many requests. Please try again after {time}.')
msg('err_sms_failed', 'ส่ง SMS ไม่สำเร็จในขณะนี้ โปรดกด "ส่งรหัสอีกครั้ง" ในอีกสักครู่ หากยังไม่ได้รับ โทร 1506', 'We could not send the text message just now. Press "Send a new code" in a moment. If it still does not arrive, call 1506.')
msg('err_session_expired_flow', 'ข้อมูลที่กรอกไว้หมดอายุแล้ว โปรดเริ่มใหม่', 'Your answers have expired. Please start again.')

# Verify
msg('verify_title', 'ยืนยันตัวตนด้วยรหัส OTP', 'Enter the code we sent you')
msg('verify_sent', 'เราส่งรหัส 6 หลักไปที่หมายเลข {phone} แล้ว รหัสใช้ได้ 5 นาที', 'We have sent a 6-digit code to {phone}. It is valid for 5 minutes.')
msg('verify_sending', 'ข้อความกำลังส่งไปยังโทรศัพท์ของคุณ อาจใช้เวลาสักครู่', 'The message is on its way and may take a moment.')
msg('f_code', 'รหัสยืนยัน (OTP)', 'One-time code')
msg('f_code_hint', 'ตัวเลข 6 หลักใน SMS', 'The 6 digits in the text message')
msg('verify_submit', 'ยืนยัน', 'Verify')
msg('verify_no_link', 'SMS จากเราจะไม่มีลิงก์ใดๆ ห้ามบอกรหัสนี้กับผู้ใด แม้แต่เจ้าหน้าที่', 'Our text messages never contain a link. Never share this code with anyone, not even staff.')
msg('verify_not_received', 'ไม่ได้รับ SMS?', 'Not received a text?')
msg('verify_resend', 'ส่งรหัสอีกครั้ง', 'Send a new code')
msg('verify_resend_wait', 'ส่งรหัสใหม่ได้อีกครั้งหลัง {seconds} วินาที', 'You can ask for a new code in {seconds} seconds')
msg('verify_resent', 'ส่งรหัสใหม่แล้ว รหัสเดิมที่ยังไม่หมดอายุยังใช้ได้', 'A new code has been sent. An earlier code still works until it expires.')
msg('verify_help', 'หากไม่ได้รับรหัสยืนยัน (OTP) ภายใน 5 นาที กรุณาติดต่อ(โทรศัพท์) หมายเลข 02-956-2400', 'If you do not receive the one-time code within 5 minutes, call 02-956-2400')
msg('verify_change_phone', 'เปลี่ยนหมายเลขโทรศัพท์', 'Change the phone number')
msg('err_code_format', '*โปรดป้อนรหัส 6 หลักที่ได้รับทาง SMS', '*Enter the 6-digit code from the text message')
msg('err_code_wrong', '*รหัสไม่ถูกต้อง ลองได้อีก {left} ครั้ง', '*The code is wrong. You have {left} tries left')
msg('err_code_expired', '*รหัสหมดอายุแล้ว โปรดกด "ส่งรหัสอีกครั้ง" เพื่อรับรหัสใหม่', '*The code has expired. Press "Send a new code" to get a new one')
msg('err_code_too_many', '*ใส่รหัสผิดเกิน 5 ครั้ง โปรดเริ่มขั้นตอนนี้ใหม่', '*Wrong code 5 times. Please start this step again')
msg('err_resend_wait', 'โปรดรอ {seconds} วินาทีก่อนขอรหัสใหม่', 'Wait {seconds} seconds before asking for a new code')

# SMS
msg('sms_otp_body', 'ประกันสังคม: รหัส OTP ของคุณคือ {code} ใช้ได้ {minutes} นาที ห้ามบอกรหัสนี้กับผู้ใด', 'Social Security: your one-time code is {code}, valid for {minutes} minutes. Never share it with anyone.')

# Home
msg('home_title', 'สวัสดี คุณ{name}', 'Hello, {name}')
msg('home_welcome_new', 'ลงทะเบียนเรียบร้อยแล้ว ยินดีต้อนรับสู่ประกันสังคมออนไลน์', 'Your account is ready. Welcome to Social Security Online.')
msg('home_lead', 'ข้อมูลผู้ประกันตนของคุณจะแสดงที่หน้านี้', 'Your social security records will be shown on this page.')
msg('home_account', 'บัญชีของคุณ', 'Your account')
msg('home_id', 'เลขบัตรประชาชน', 'National ID')
msg('home_session_note', 'ระบบจะออกจากระบบเองเมื่อไม่มีการใช้งาน {minutes} นาที', 'You will be logged out after {minutes} minutes without activity.')

# Login
msg('login_title', 'เข้าสู่ระบบ', 'Log in')
msg('login_submit', 'เข้าสู่ระบบ', 'Log in')
msg('login_forgot', 'ลืมรหัสผ่าน?', 'Forgot your password?')
msg('login_no_account', 'ยังไม่มีบัญชี?', 'No account yet?')
msg('err_login', 'เลขบัตรประชาชนหรือรหัสผ่านไม่ถูกต้อง', 'The ID number or password is wrong')
msg('err_login_hint', 'หากใส่รหัสผ่านผิด 5 ครั้ง ต้องรอ 15 นาทีจึงจะลองใหม่ได้', 'After 5 wrong passwords you have to wait 15 minutes before trying again')
msg('err_login_locked', 'ใส่รหัสผ่านผิดหลายครั้ง โปรดรอจนถึงเวลา {time} น. แล้วลองใหม่ หรือกด "ลืมรหัสผ่าน?"', 'Too many wrong passwords. Wait until {time} and try again, or use "Forgot your password?"')
msg('login_reset_done', 'เปลี่ยนรหัสผ่านแล้ว โปรดเข้าสู่ระบบด้วยรหัสผ่านใหม่', 'Your password has been changed. Log in with your new password.')
msg('login_logged_out', 'ออกจากระบบแล้ว', 'You have been logged out.')
msg('login_session_ended', 'ระบบออกจากระบบให้แล้ว เพราะไม่มีการใช้งานนานเกินไป โปรดเข้าสู่ระบบอีกครั้ง', 'You were logged out after a period of inactivity. Please log in again.')

# Forgot password
msg('forgot_title', 'ลืมรหัสผ่าน', 'Reset your password')
msg('forgot_intro', 'กรอกเลขบัตรประชาชนและวันเกิด เราจะส่งรหัสยืนยันไปที่หมายเลขโทรศัพท์ที่ลงทะเบียนไว้', 'Enter your ID number and date of birth. We will text a code to the phone number on your account.')
msg('err_forgot_mismatch', 'ไม่พบบัญชีที่ตรงกับข้อมูลนี้ โปรดตรวจสอบเลขบัตรประชาชนและวันเกิด หรือโทร 1506', 'We could not find an account with these details. Check your ID number and date of birth, or call 1506.')
msg('forgot_new_title', 'ตั้งรหัสผ่านใหม่', 'Create a new password')
msg('forgot_new_note', 'เมื่อเปลี่ยนรหัสผ่านแล้ว ทุกอุปกรณ์ที่เข้าสู่ระบบไว้จะถูกออกจากระบบ', 'When you change the password, you will be logged out on every device.')
msg('forgot_new_submit', 'บันทึกรหัสผ่านใหม่', 'Save the new password')

# Session warning
msg('idle_title', 'คุณยังใช้งานอยู่หรือไม่?', 'Are you still there?')
msg('idle_body', 'ระบบจะออกจากระบบให้ใน 2 นาทีเพื่อความปลอดภัย', 'For your security, you will be logged out in 2 minutes.')
msg('idle_stay', 'ใช้งานต่อ', 'Stay logged in')

# Dev outbox
msg('dev_sms_title', 'กล่อง SMS สำหรับนักพัฒนา', 'Developer SMS outbox')
msg('dev_sms_note', 'หน้านี้มีเฉพาะเมื่อ SMS_PROVIDER=outbox ข้อความไม่ได้ถูกส่งจริง', 'This page exists only when SMS_PROVIDER=outbox. Nothing is really sent.')
msg('dev_sms_empty', 'ยังไม่มีข้อความ', 'No messages yet')
msg('dev_sms_to', 'ถึง', 'To')
msg('dev_sms_time', 'เวลา', 'Time')
msg('dev_sms_body', 'ข้อความ', 'Message')
msg('not_found', 'ไม่พบหน้าที่ต้องการ', 'Page not found')
msg('error_generic', 'เกิดข้อผิดพลาด โปรดลองใหม่อีกครั้ง', 'Something went wrong. Please try again.')
msg('go_home', 'กลับหน้าแรก', 'Go to the home page')

th = collections.OrderedDict([('$schema', 'https://inlang.com/schema/inlang-message-format')] + [(k, v[0]) for k, v in M.items()])
en = collections.OrderedDict([('$schema', 'https://inlang.com/schema/inlang-message-format')] + [(k, v[1]) for k, v in M.items()])
for name, d in (('th', th), ('en', en)):
    with open(f'messages/{name}.json', 'w') as f:
        json.dump(d, f, ensure_ascii=False, indent='\t'); f.write('\n')
print(len(M), 'messages')
