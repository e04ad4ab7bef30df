import type { TopicTemplates } from './template.js';

/**
 * What ordinary people ask an AI service: code, writing, study, translation, marketing, daily
 * life. Written for this simulation only (never copied from the classifier's corpus), so a
 * classifier scored on these worlds meets text it was not trained on.
 */

export const coding: TopicTemplates = {
  en: [
    'Why does my {Python|TypeScript|Go|Rust|Java} code throw "{index out of range|undefined is not a function|nil pointer dereference|cannot borrow as mutable}" when the list is empty?',
    'Write a {Python|Node.js|bash} script that {renames all photos in a folder by their EXIF date|merges several CSV files into one|converts Markdown files to HTML|backs up my Documents folder to an external drive}.',
    'How do I {debounce a search input in React|paginate a SQL query efficiently|read a large JSON file without loading it into memory|add retries with exponential backoff to fetch}?',
    'Can you review this function and suggest {cleaner names|fewer allocations|better error handling|unit tests}? def total(items): return sum(i.price * i.qty for i in items)',
    'Explain the difference between {a process and a thread|TCP and UDP|an interface and an abstract class|git merge and git rebase} with a short example.',
    'My Docker container {exits immediately|cannot reach the database|is 2 GB in size|loses data on restart}. What should I check first?',
    'Convert this {for loop into a list comprehension|callback into async/await|class component into a hook}: {for x in data: if x > 0: out.append(x*2)|fs.readFile(p, cb)|this.state = initialState}',
    'What is a good folder structure for a small {Flask|Express|Spring Boot|Django} API with tests?',
    'Help me write a GitHub Actions workflow that {runs tests on every pull request|builds a Docker image and pushes it|publishes my npm package on tag|lints and formats the code}.',
    'How can I speed up this pandas code? It takes {ten minutes|forever|an hour} on 2 million rows: df.apply(lambda r: r.a + r.b, axis=1)',
  ],
  es: [
    '¿Por qué mi código en {Python|JavaScript|Java} devuelve "{NoneType object is not subscriptable|undefined|NullPointerException}"? Te paso el fragmento.',
    'Escribe una función en {Python|JavaScript} que {valide un DNI español|calcule el IVA de una factura|ordene una lista de fechas}.',
    '¿Cómo conecto {una base de datos MySQL|una API REST|Firebase} a mi aplicación de {Flutter|React|Django}?',
  ],
  de: [
    'Wie kann ich in {Python|Java|C#} eine CSV-Datei {einlesen und nach Datum sortieren|mit Umlauten korrekt speichern|zusammenführen}?',
    'Mein {Spring-Boot|Node.js|Angular}-Projekt startet nicht mehr nach dem Update. Fehlermeldung: "{port already in use|module not found|bean creation failed}". Was tun?',
    'Schreib mir bitte einen Unit-Test für diese Funktion, die {Postleitzahlen prüft|Rechnungsnummern erzeugt|Arbeitszeiten summiert}.',
  ],
  fr: [
    'Comment {optimiser une requête SQL lente|gérer les erreurs en JavaScript|déployer une application Django} ? Explique simplement.',
    'Peux-tu écrire un script {Python|bash} qui {renomme des fichiers par date|télécharge des images depuis une liste d’URL|compresse un dossier chaque nuit} ?',
  ],
  pt: [
    'Como faço para {consumir uma API REST em Java|criar um login com Firebase|usar expressões regulares em Python}? Pode dar um exemplo?',
    'Meu código em {Python|C|JavaScript} dá erro de "{segmentation fault|maximum recursion depth|cannot read property of undefined}". O que significa?',
  ],
  ja: [
    '{Python|JavaScript|Go}で{CSVファイルを読み込んで集計する|APIのレスポンスをキャッシュする|日付をフォーマットする}方法を教えてください。',
    'このエラー「{ModuleNotFoundError|TypeError: Cannot read properties of undefined|segmentation fault}」の原因と直し方を教えてください。',
  ],
  zh: [
    '用{Python|Java|Go}写一个{读取Excel并生成图表|批量重命名文件|调用天气API}的小程序，帮我加上注释。',
    '我的{Vue|React|Spring Boot}项目报错“{Cannot find module|端口被占用|空指针异常}”，应该怎么排查？',
    '解释一下{闭包|协程|数据库索引|微服务}是什么，最好举个例子。',
  ],
  ru: [
    'Как в {Python|Go|C++} {прочитать большой файл построчно|распараллелить обработку списка|отсортировать словарь по значению}? Приведи пример.',
    'Почему мой {Django|FastAPI|Spring}-проект выдаёт ошибку "{ImproperlyConfigured|422 Unprocessable Entity|BeanCreationException}"?',
  ],
  ko: [
    '{파이썬|자바스크립트|자바}로 {엑셀 파일을 읽어서 합계를 구하는|웹 페이지에서 표를 가져오는|로그 파일을 분석하는} 코드를 짜 주세요.',
    '{React|Spring|Flutter} 프로젝트에서 "{undefined is not a function|빈 생성 실패|네트워크 오류}" 에러가 나요. 어떻게 고치나요?',
  ],
  fa: [
    'چطور در {پایتون|جاوااسکریپت} یک {فایل CSV را بخوانم|API را فراخوانی کنم|فرم ورود بسازم}؟ لطفاً با مثال توضیح بده.',
    'این خطا در پروژه {جنگو|ری‌اکت|لاراول} یعنی چه: "{CSRF verification failed|Cannot read property|Class not found}"؟',
  ],
};

export const writing: TopicTemplates = {
  en: [
    'Help me write a polite email to my {landlord|manager|professor|client} about {a late payment|taking Friday off|an extension on my essay|a delayed delivery}.',
    'Rewrite this paragraph to sound more {professional|friendly|concise|confident}: "{We are sorry for the inconvenience and will try to fix it soon.|I think maybe we could possibly consider the new plan.|Our team did a lot of things this quarter.}"',
    'Write a {cover letter|short bio|LinkedIn summary|thank-you note} for a {nurse|data analyst|graphic designer|teacher|warehouse supervisor} with {two|five|ten} years of experience.',
    'Give me {three|five} ideas for a {birthday speech for my dad|wedding toast|team newsletter intro|short story about a lighthouse keeper}.',
    'Proofread this and fix the grammar: "{Me and him goes to the store yesterday.|Their going to announce it tomorow.|The datas shows a increase in sales.}"',
    'Summarise this article in {three bullet points|one paragraph|plain English}: {the city council voted to extend the bike lane network by 12 km over two years...|researchers found that short walks after meals lower blood sugar...}',
  ],
  es: [
    'Ayúdame a redactar un correo formal para {solicitar vacaciones|reclamar un cobro indebido|pedir una cita médica}.',
    'Corrige la ortografía de este texto: "{Haber si nos vemos mañana|Ojala que te valla bien|A echo un buen trabajo}".',
    'Escribe un {poema corto|mensaje de cumpleaños|discurso breve} para {mi abuela|mi mejor amiga|mis compañeros de trabajo}.',
  ],
  de: [
    'Formuliere eine höfliche E-Mail an {meinen Vermieter|die Hausverwaltung|meine Chefin} wegen {der kaputten Heizung|einer Mieterhöhung|Urlaubstagen}.',
    'Kannst du diesen Text für ein Bewerbungsschreiben als {Erzieherin|Industriemechaniker|Bürokauffrau} verbessern?',
  ],
  fr: [
    'Aide-moi à écrire une lettre de motivation pour un poste de {vendeuse|développeur|infirmier|comptable}.',
    'Reformule ce message pour qu’il soit plus poli : « {Vous ne m’avez toujours pas répondu.|Le colis est encore en retard.|Je veux être remboursé.} »',
  ],
  pt: [
    'Me ajuda a escrever uma mensagem de {aniversário|agradecimento|desculpas} para {minha mãe|um cliente|meu chefe}?',
    'Revise este texto para a faculdade e deixe mais formal: "{A gente fez a pesquisa e deu certo|O projeto é muito legal e útil}".',
  ],
  ja: [
    '{上司|取引先|大家さん}に{有給休暇の申請|納期遅延のお詫び|修理のお願い}をするメールを丁寧な敬語で書いてください。',
    'この文章をもっと自然な日本語にしてください：「{私は昨日に会議を参加しました。|ご確認お願いしますです。}」',
  ],
  zh: [
    '帮我写一封{请假|道歉|求职}邮件，语气要{正式|客气|简洁}一些。',
    '把这段话改得更通顺：“{我们公司的产品质量很好并且价格也很便宜的。|这个项目我们做了很多的努力。}”',
  ],
  ru: [
    'Помоги написать {вежливое письмо начальнику|жалобу в управляющую компанию|поздравление коллеге} о {переносе отпуска|протечке крыши|дне рождения}.',
    'Исправь ошибки в тексте: "{Я одел куртку и пошол в магазин.|Извените за беспокойство.}"',
  ],
  ko: [
    '{팀장님께|교수님께|고객님께} 보낼 {휴가 신청|과제 제출 연장 요청|배송 지연 사과} 메일을 정중하게 써 주세요.',
    '이 자기소개서 문장을 더 자연스럽게 다듬어 주세요: "{저는 성실하고 책임감이 강한 사람입니다.|여러 프로젝트를 경험했습니다.}"',
  ],
  fa: [
    'یک ایمیل رسمی برای {درخواست مرخصی|پیگیری سفارش|درخواست توصیه‌نامه} بنویس.',
    'این متن را روان‌تر کن: "{ما در این پروژه کارهای زیادی انجام دادیم.|من علاقه زیادی به یادگیری دارم.}"',
  ],
};

export const study: TopicTemplates = {
  en: [
    'Explain {photosynthesis|the French Revolution|supply and demand|Bayes theorem|the Krebs cycle|plate tectonics} like I am {twelve|a first-year student|studying for a final exam}.',
    'Can you check my solution? {Solve 2x + 5 = 17, I got x = 6.|Integrate x*e^x, I got x*e^x - e^x + C.|Probability of two sixes with two dice, I got 1/36.}',
    'Make me a {study plan|set of flashcards|practice quiz} for {organic chemistry|AP US History|linear algebra|IELTS writing} over the next {two weeks|month}.',
    'What are the main arguments {for and against|of historians about} {the causes of World War I|universal basic income|nuclear power}?',
    'Give me {five|ten} practice questions on {fractions|derivatives|cell biology|the Cold War} with answers at the end.',
  ],
  es: ['Explícame {la fotosíntesis|la Revolución Mexicana|las derivadas|la oferta y la demanda} con un ejemplo sencillo.'],
  de: ['Erklär mir {die Weimarer Republik|Vektorräume|den Citratzyklus|die Inflation} einfach, ich schreibe bald eine Klausur.'],
  fr: ['Explique-moi {la guerre froide|les probabilités conditionnelles|la photosynthèse} comme à un lycéen.'],
  pt: ['Explique {a Revolução Industrial|equações do segundo grau|a mitose} de um jeito fácil para o ENEM.'],
  ja: ['{微分|光合成|明治維新|需要と供給}について、高校生にも分かるように説明してください。'],
  zh: ['请用简单的话解释一下{牛顿第二定律|供需关系|光合作用|矩阵乘法}，我准备考试。'],
  ru: ['Объясни простыми словами {теорему Пифагора|фотосинтез|причины Первой мировой войны|производную} для подготовки к ЕГЭ.'],
  ko: ['{미적분|광합성|조선 후기 실학|수요와 공급}을 수능 준비하는 학생에게 설명하듯이 알려 주세요.'],
  fa: ['{قانون دوم نیوتن|فتوسنتز|انقلاب مشروطه|مشتق} را ساده برای کنکور توضیح بده.'],
};

export const translation: TopicTemplates = {
  en: [
    'Translate into {Spanish|German|French|Japanese|Portuguese}: "{Our office will be closed on Monday for the public holiday.|Please find the signed contract attached.|Thank you for your patience while we investigate.}"',
    'How do you say "{I would like to book a table for four|where is the train station|I am allergic to peanuts}" in {Italian|Korean|Turkish|Dutch}?',
    'Translate this product description into English and keep the tone: "{Hecho a mano con cuero natural.|Fabriqué en France avec amour.|Handgemacht aus echtem Holz.}"',
  ],
  es: ['Traduce al inglés: "{Estimado cliente, su pedido ha sido enviado.|Le adjunto la factura del mes de marzo.|Nos vemos en la reunión del jueves.}"'],
  de: ['Übersetze ins Englische: "{Vielen Dank für Ihre schnelle Rückmeldung.|Die Lieferung verzögert sich um eine Woche.}"'],
  fr: ['Traduis en anglais : « {Merci pour votre commande.|La réunion est reportée à mardi.} »'],
  pt: ['Traduza para o inglês: "{Obrigado pela sua compra.|O prazo de entrega é de cinco dias úteis.}"'],
  ja: ['次の文を英語に翻訳してください：「{会議は来週の火曜日に延期になりました。|ご注文ありがとうございます。}」'],
  zh: ['把这句话翻译成英文：“{感谢您的耐心等待。|合同已经签好，请查收附件。|下周一公司放假。}”'],
  ru: ['Переведи на английский: "{Спасибо за быстрый ответ.|Договор во вложении.|Встреча переносится на пятницу.}"'],
  ko: ['다음 문장을 영어로 번역해 주세요: "{회의가 다음 주로 연기되었습니다.|주문해 주셔서 감사합니다.}"'],
  fa: ['این جمله را به انگلیسی ترجمه کن: "{از صبر شما متشکریم.|قرارداد پیوست شده است.}"'],
};

export const marketing: TopicTemplates = {
  en: [
    'Write {three|five} Instagram captions for a {coffee shop|yoga studio|bike repair shop|bakery} launching {a new seasonal menu|weekend classes|a loyalty card}.',
    'Draft a product description for {handmade soy candles|a noise-cancelling headset|organic dog treats|a budgeting app}, about {80|150} words, {playful|premium|practical} tone.',
    'Suggest SEO keywords and a meta description for a {plumbing company in Leeds|dentist in Austin|language school in Lyon|wedding photographer}.',
    'Write a short newsletter announcing our {spring sale|new opening hours|charity run|webinar on personal finance}.',
  ],
  es: ['Escribe un anuncio corto para {una panadería|un gimnasio|una tienda de ropa} en {Instagram|Facebook} con tono cercano.'],
  de: ['Schreib einen Werbetext für {unseren Hofladen|ein Fahrradgeschäft|eine Zahnarztpraxis}, maximal 60 Wörter.'],
  pt: ['Crie uma legenda para o Instagram da minha {loja de roupas|pizzaria|clínica de estética} anunciando uma promoção.'],
  zh: ['帮我给{奶茶店|网店|健身房}写一段朋友圈推广文案，突出{新品|打折|会员活动}。'],
  ja: ['{カフェ|美容院|雑貨店}の新メニュー告知用のSNS投稿文を考えてください。'],
};

export const everyday: TopicTemplates = {
  en: [
    'What can I cook with {chicken, rice and spinach|eggs, potatoes and cheese|chickpeas and tomatoes} in under {20|30} minutes?',
    'Plan a {3-day|week-long} trip to {Lisbon|Kyoto|Mexico City|the Scottish Highlands} on a {tight|moderate} budget.',
    'Make me a {beginner running plan|home workout without equipment|weekly meal prep list} for {4|8} weeks.',
    'How do I {get a red wine stain out of a carpet|fix a squeaky door|repot a snake plant|lower my electricity bill} ?',
    'Suggest {ten|five} names for a {golden retriever puppy|fantasy football team|book club|small bakery}.',
  ],
  es: ['¿Qué puedo cocinar con {arroz, pollo y pimiento|huevos y patatas|lentejas}? Algo rápido, por favor.'],
  de: ['Ich plane einen Wochenendausflug nach {Hamburg|Wien|Zürich}. Was sollte ich unbedingt sehen?'],
  fr: ['Donne-moi une recette facile avec {des courgettes|du poulet et du riz|des lentilles} pour ce soir.'],
  pt: ['Me dá ideias de {passeios em Lisboa|receitas com frango|presentes de Natal} baratos.'],
  ja: ['{冷蔵庫にある卵と玉ねぎ|鶏肉とキャベツ}で作れる簡単な料理を教えてください。'],
  zh: ['周末去{杭州|成都|西安}玩两天，帮我安排一下行程。'],
  ru: ['Что приготовить на ужин из {курицы и картошки|гречки и грибов|творога}?'],
  ko: ['{제주도|부산|강릉} 2박 3일 여행 코스를 추천해 주세요.'],
  fa: ['برای شام با {مرغ و برنج|سیب‌زمینی و تخم‌مرغ|عدس} چه غذایی درست کنم؟'],
};

export const data: TopicTemplates = {
  en: [
    'Write an Excel formula that {sums sales by region|finds duplicates in column B|looks up a price from another sheet|counts weekdays between two dates}.',
    'Write a SQL query to {find customers who ordered twice in a month|get the top 5 products per category|compute a 7-day moving average}.',
    'Which chart should I use to show {monthly revenue by product|survey answers on a 1-5 scale|the share of budget per department}?',
  ],
  de: ['Wie mache ich in Excel einen SVERWEIS über {zwei Tabellenblätter|mehrere Spalten}?'],
  es: ['¿Cómo hago una tabla dinámica en Excel para {ventas por mes|gastos por categoría}?'],
};

/** Questions ordinary users ask about their own safety online (not attacks). */
export const personalSecurity: TopicTemplates = {
  en: [
    'I got an email saying my {bank|PayPal|Netflix} account is locked and asking me to log in through a link. Is it a scam? How can I tell?',
    'How do I {turn on two-factor authentication for Gmail|pick a good password manager|check if my password was leaked|secure my home Wi-Fi router}?',
    'My {mum|grandfather} got a call from "Microsoft support" asking to install remote software. What should she do now?',
  ],
  es: ['Me llegó un SMS de {Correos|mi banco} con un enlace raro. ¿Es una estafa?'],
  de: ['Ich habe eine SMS von „{DHL|meiner Bank}“ mit einem Link bekommen. Ist das Phishing?'],
};
