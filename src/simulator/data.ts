// Reference data for simulated customers, orders and products. Written for this project.
import type { Rng } from './prng';

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '高',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
];
export const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '晓燕',
  '子涵',
  '梓萱',
  '浩然',
  '雨桐',
  '思远',
  '欣怡',
  '宇轩',
  '佳琪',
  '一鸣',
  '晨曦',
  '嘉怡',
];
export const NICK_PARTS = ['小', '阿', '大', '爱吃', '不吃', '快乐', '努力', '佛系', '熬夜', '早睡'];
export const NICK_TAILS = [
  '猫',
  '鱼',
  '兔子',
  '橙子',
  '星星',
  '芒果',
  '柠檬',
  '团子',
  '小熊',
  '咸鱼',
  '布丁',
  '奶茶',
];

export interface City {
  province: string;
  city: string;
  districts: string[];
  /** 偏远地区: slower delivery, extra shipping fee. */
  remote?: boolean;
}

export const CITIES: City[] = [
  { province: '北京市', city: '北京', districts: ['朝阳区', '海淀区', '丰台区', '通州区'] },
  { province: '上海市', city: '上海', districts: ['浦东新区', '徐汇区', '闵行区', '静安区'] },
  { province: '广东省', city: '广州', districts: ['天河区', '越秀区', '番禺区', '白云区'] },
  { province: '广东省', city: '深圳', districts: ['南山区', '福田区', '宝安区', '龙岗区'] },
  { province: '浙江省', city: '杭州', districts: ['西湖区', '余杭区', '滨江区', '拱墅区'] },
  { province: '江苏省', city: '南京', districts: ['鼓楼区', '江宁区', '玄武区'] },
  { province: '江苏省', city: '苏州', districts: ['姑苏区', '工业园区', '吴中区'] },
  { province: '四川省', city: '成都', districts: ['武侯区', '锦江区', '高新区', '郫都区'] },
  { province: '湖北省', city: '武汉', districts: ['洪山区', '武昌区', '江汉区'] },
  { province: '陕西省', city: '西安', districts: ['雁塔区', '碑林区', '未央区'] },
  { province: '重庆市', city: '重庆', districts: ['渝中区', '江北区', '沙坪坝区'] },
  { province: '山东省', city: '青岛', districts: ['市南区', '崂山区', '黄岛区'] },
  { province: '河南省', city: '郑州', districts: ['金水区', '二七区', '郑东新区'] },
  { province: '湖南省', city: '长沙', districts: ['岳麓区', '天心区', '开福区'] },
  { province: '福建省', city: '厦门', districts: ['思明区', '湖里区', '集美区'] },
  { province: '新疆维吾尔自治区', city: '乌鲁木齐', districts: ['天山区', '沙依巴克区'], remote: true },
  { province: '西藏自治区', city: '拉萨', districts: ['城关区', '堆龙德庆区'], remote: true },
  { province: '青海省', city: '西宁', districts: ['城中区', '城西区'], remote: true },
  { province: '内蒙古自治区', city: '呼和浩特', districts: ['新城区', '赛罕区'], remote: true },
];

export const STREETS = [
  '建设路',
  '人民路',
  '解放路',
  '中山路',
  '文化路',
  '科技园路',
  '长江路',
  '和平街',
  '幸福里',
  '光明大道',
];
export const COMMUNITIES = [
  '阳光花园',
  '金色家园',
  '翠湖小区',
  '锦绣华庭',
  '万科城',
  '保利花园',
  '碧桂园',
  '绿地新都会',
  '世纪城',
];

export interface Carrier {
  name: string;
  tracking: (rng: Rng) => string;
}

export const CARRIERS: Carrier[] = [
  { name: '顺丰速运', tracking: (r) => `SF${r.digits(13)}` },
  { name: '中通快递', tracking: (r) => `7${r.digits(14)}` },
  { name: '圆通速递', tracking: (r) => `YT${r.digits(13)}` },
  { name: '京东物流', tracking: (r) => `JDVA${r.digits(11)}` },
  { name: '韵达快递', tracking: (r) => `43${r.digits(13)}` },
  { name: '申通快递', tracking: (r) => `77${r.digits(13)}` },
  { name: '极兔速递', tracking: (r) => `JT${r.digits(13)}` },
  { name: 'EMS', tracking: (r) => `E${r.digits(10)}CN` },
];

export interface CatalogItem {
  id: string;
  title: string;
  category: '服装' | '鞋靴' | '数码' | '美妆' | '食品' | '家居';
  price: number;
  promo?: string;
}

export const CATALOG: CatalogItem[] = [
  { id: 'p1001', title: '纯棉宽松圆领短袖T恤 男女同款', category: '服装', price: 79, promo: '满199减30' },
  { id: 'p1002', title: '高腰显瘦直筒牛仔裤', category: '服装', price: 159 },
  { id: 'p1003', title: '轻薄90白鸭绒羽绒服 连帽款', category: '服装', price: 499, promo: '会员日9折' },
  { id: 'p1004', title: '法式碎花雪纺连衣裙', category: '服装', price: 239 },
  { id: 'p1005', title: '加绒加厚卫衣 oversize', category: '服装', price: 139, promo: '第二件半价' },
  { id: 'p1006', title: '儿童防风冲锋衣 3-12岁', category: '服装', price: 189 },
  { id: 'p2001', title: '透气网面跑步鞋 缓震回弹', category: '鞋靴', price: 329, promo: '跨店满300减50' },
  { id: 'p2002', title: '真皮切尔西短靴 女', category: '鞋靴', price: 399 },
  { id: 'p2003', title: '百搭小白鞋 板鞋', category: '鞋靴', price: 199 },
  { id: 'p3001', title: '降噪蓝牙耳机 Pro 版', category: '数码', price: 699, promo: '以旧换新补贴100' },
  { id: 'p3002', title: '65W 氮化镓快充充电器', category: '数码', price: 129 },
  { id: 'p3003', title: '10000mAh 超薄磁吸充电宝', category: '数码', price: 169 },
  { id: 'p3004', title: '智能手表 血氧心率监测', category: '数码', price: 899 },
  { id: 'p3005', title: '机械键盘 87键 热插拔', category: '数码', price: 349 },
  { id: 'p4001', title: '玻尿酸补水保湿面膜 20片', category: '美妆', price: 99, promo: '买二送一' },
  { id: 'p4002', title: '清爽控油防晒霜 SPF50+', category: '美妆', price: 128 },
  { id: 'p4003', title: '丝绒雾面口红 #316', category: '美妆', price: 169 },
  { id: 'p4004', title: '氨基酸温和洁面乳', category: '美妆', price: 69 },
  { id: 'p5001', title: '新疆阿克苏冰糖心苹果 5斤装', category: '食品', price: 49.9 },
  { id: 'p5002', title: '每日坚果混合装 30包', category: '食品', price: 119, promo: '满99减15' },
  { id: 'p5003', title: '云南小粒咖啡豆 中深烘 500g', category: '食品', price: 88 },
  { id: 'p5004', title: '螺蛳粉 原味 5袋装', category: '食品', price: 59.9 },
  { id: 'p6001', title: '全棉四件套 1.8m 床', category: '家居', price: 299, promo: '满300减40' },
  { id: 'p6002', title: '记忆棉护颈枕', category: '家居', price: 149 },
  { id: 'p6003', title: '不锈钢保温杯 500ml', category: '家居', price: 89 },
  { id: 'p6004', title: '家用空气炸锅 5L 大容量', category: '家居', price: 359 },
];

export const SHOPS = [
  '悦动运动旗舰店',
  '棉語家纺旗舰店',
  '星耀数码专营店',
  '花间美妆官方店',
  '山野优选生鲜店',
  '简衣社女装店',
];
