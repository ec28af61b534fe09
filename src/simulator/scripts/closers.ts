/** Customer's last answers, shared by every intent's script. */
export const CLOSERS = [
  '好的，明白了，谢谢',
  '行吧，那就这样，麻烦你了',
  '嗯嗯，收到，谢谢客服～',
  '好，我等你们消息',
];
