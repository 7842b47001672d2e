// The reasons the over-quota reward decision (processes/over-quota-reward.dmn, output `rewardReason`) may give, with
// the words staff read. The DMN lint holds the table to these codes, so every stored reason has a Chinese label.
// The codes themselves are the API's (api/rewards.ts), which sits below this folder.
import { REWARD_REASON_CODES, type RewardReasonCode } from '../api/rewards.ts';

export { REWARD_REASON_CODES, type RewardReasonCode };

export const REWARD_REASON_LABELS: Readonly<Record<RewardReasonCode, string>> = {
  ELIGIBLE: '符合奖励条件',
  NOT_ABOVE_QUOTA: '未超过规定比例',
  RATIO_MARGIN_NOT_MET: '超出规定比例的幅度不足',
  TOO_FEW_EMPLOYEES: '安排残疾人数不足',
  TOO_FEW_YEARS: '连续超比例安排年数不足',
  NO_RULE: '该年度未定奖励标准',
};

export function isRewardReason(code: string): code is RewardReasonCode {
  return (REWARD_REASON_CODES as readonly string[]).includes(code);
}
