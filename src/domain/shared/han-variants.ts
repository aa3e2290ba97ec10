// Traditional Chinese characters written for the simplified ones (Hong Kong, Taiwan, Guangdong
// typists; a phone's keyboard left on 繁體): 陳經理 is 陈经理. The common characters of sales talk
// (names, titles, dates, visits, calls, orders, surveys), one to one; characters whose simplified
// form has another meaning as well (乾, 著) are left as they are.

const TRADITIONAL = '們個這來時說話會對見經陳張劉趙鄭謝許黃楊吳孫馬錢鄧蘇葉羅盧蔣韓馮關醫師長總監電郵訊訪問題調滿樣報價單訂貨發給讓還後週禮號點鐘約開議談論聯繫絡碼帳戶機階額萬塊標緊優級務項辦處實際決響擁護採購藥劑療檢驗記錄寫錯誤刪銷編輯換變動遲隨應該當從現將為與無沒麼嗎幫請讀聽買賣業員職運費導層歡慶節聖誕壽賀參觀試體過幾兩邊裡裏頭氣歲親愛學習專門陽灣東廣島區國華協濟傳統網類視頻顧覺準備確認證據紅綠藍貴寶麗強偉傑潔靜蘭鳳龍鵬飛軍輝剛鋒濤貞嬌鈺銘鋼則續紹結純細終線練組織維獎勵績評漲減頁順須領頓願顯風飯館場廠廳產閉間聞閱隊陸隻難雞雙離雜雲靈頂預顏駕鬧魚鳥麥齊擔擇擴擬攜損掃揚撥擊敗數斷書曉暫術條榮樂樓樹橋檔歷歸殺漢潤澤濱災煙熱燈爭獨獲環瑪盡盤眾礎禎種稱穩競筆範簡簽籌糧繼罰義聲腦臉興舉舊莊藝虛補裝製複規覽觸計討訓託設診詞詳語誠課諮講謀識貝負財責貿資賓賠質賽贈贊趕跡車軟較載輕輸轉農進達違遠適選遺鄉鄰釋針銀鋪鍵鐵閒閣闆陣險隱雖餘騎鬥鮮黨於舖恆啟衛輔屬喬麵歐紀鈴億倆儀僅兒凱劃勞勢厲縣叢啓團圍園圓圖壓壞夠夢奮婦媽嬰寧尋屆岡峽帥帶幣庫廈彈彙徑復恥悅惡態慮憂懷戲戰摟撈擋攤敵敘晉暈曆構槍樁權況淚淺測湯溝滬漁漸潛濃濕灑爐牽狀猶獅瑣畫畢異癥皺盜碩礙禍稅穀窩竊筍籃紙紛紡緒緩縮繪聰肅脅脈腎膚膠蘋蝦衝襯訴誇誌謊譯豐貓貼賬賴趨蹤軌輪辭邏醜鉛錶鍋鏡閃闊陰靂韻頒頸頗頰顆餅驅驚髒鬆鹽齡傾臺嘆鄒閻龐譚鍾賈鄺錦瓊穎婭艷豔燦晝內並麽創卻極營積納絕綜遞鎮養嚴勝遊邁誰讚謂輛連鏈饋魯齒兌盃瀏犧甦綁繳腫膽臨艱褲襪詢諾販貸躍迴逕醬釘銳鑰閘飲飽飾餓駐鴨';
const SIMPLIFIED = '们个这来时说话会对见经陈张刘赵郑谢许黄杨吴孙马钱邓苏叶罗卢蒋韩冯关医师长总监电邮讯访问题调满样报价单订货发给让还后周礼号点钟约开议谈论联系络码账户机阶额万块标紧优级务项办处实际决响拥护采购药剂疗检验记录写错误删销编辑换变动迟随应该当从现将为与无没么吗帮请读听买卖业员职运费导层欢庆节圣诞寿贺参观试体过几两边里里头气岁亲爱学习专门阳湾东广岛区国华协济传统网类视频顾觉准备确认证据红绿蓝贵宝丽强伟杰洁静兰凤龙鹏飞军辉刚锋涛贞娇钰铭钢则续绍结纯细终线练组织维奖励绩评涨减页顺须领顿愿显风饭馆场厂厅产闭间闻阅队陆只难鸡双离杂云灵顶预颜驾闹鱼鸟麦齐担择扩拟携损扫扬拨击败数断书晓暂术条荣乐楼树桥档历归杀汉润泽滨灾烟热灯争独获环玛尽盘众础祯种称稳竞笔范简签筹粮继罚义声脑脸兴举旧庄艺虚补装制复规览触计讨训托设诊词详语诚课咨讲谋识贝负财责贸资宾赔质赛赠赞赶迹车软较载轻输转农进达违远适选遗乡邻释针银铺键铁闲阁板阵险隐虽余骑斗鲜党于铺恒启卫辅属乔面欧纪铃亿俩仪仅儿凯划劳势厉县丛启团围园圆图压坏够梦奋妇妈婴宁寻届冈峡帅带币库厦弹汇径复耻悦恶态虑忧怀戏战搂捞挡摊敌叙晋晕历构枪桩权况泪浅测汤沟沪渔渐潜浓湿洒炉牵状犹狮琐画毕异症皱盗硕碍祸税谷窝窃笋篮纸纷纺绪缓缩绘聪肃胁脉肾肤胶苹虾冲衬诉夸志谎译丰猫贴账赖趋踪轨轮辞逻丑铅表锅镜闪阔阴雳韵颁颈颇颊颗饼驱惊脏松盐龄倾台叹邹阎庞谭钟贾邝锦琼颖娅艳艳灿昼内并么创却极营积纳绝综递镇养严胜游迈谁赞谓辆连链馈鲁齿兑杯浏牺苏绑缴肿胆临艰裤袜询诺贩贷跃回径酱钉锐钥闸饮饱饰饿驻鸭';

const MAP = new Map<string, string>();
for (let i = 0; i < TRADITIONAL.length; i++) MAP.set(TRADITIONAL[i]!, SIMPLIFIED[i]!);
const ANY_RE = new RegExp(`[${TRADITIONAL}]`, 'gu');

/** The text with its traditional characters written simplified (Cantonese 係 is 是, 關係 stays 关系). */
export function toSimplified(text: string): string {
  if (!text) return text;
  const s = text.replace(ANY_RE, (c) => MAP.get(c) ?? c);
  return s.includes('係') ? s.replace(/(?<=[关联体派])係/gu, '系').replace(/係/gu, '是') : s;
}

/**
 * `value` (read from the simplified text) as the message wrote it, where it wrote it in traditional
 * characters (`康寧醫院` stays 康寧醫院 as a new account's name); else `value` itself.
 */
export function asWritten(value: string, original: string): string {
  if (!value || !ANY_RE.test(original)) return value;
  ANY_RE.lastIndex = 0;
  const chars = [...original];
  const n = [...value].length;
  for (let i = 0; i + n <= chars.length; i++) {
    const window = chars.slice(i, i + n).join('');
    if (window !== value && toSimplified(window) === value) return window;
  }
  return value;
}
