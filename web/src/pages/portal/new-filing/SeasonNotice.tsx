// Outside the certification period: when it opens and closes, and that one may fill in now and submit later.
import { Alert } from 'antd';
import type { FilingSeasonView } from '../../../components/filing/use-filing-season.ts';
import { chineseDate } from '../../../lib/format.ts';

export function SeasonNotice({ season }: { season: FilingSeasonView }) {
  if (season.acceptingFilings) return null;
  const s = season.status;
  return (
    <Alert type="warning" showIcon title="当前不在年审认证期，暂不能提交申报"
      description={`本年度认证期为 ${chineseDate(s.opensOn)} 至 ${chineseDate(s.closesOn)}${s.nextOpensOn ? `，下次开放时间为 ${chineseDate(s.nextOpensOn)}` : ''}。您可以先填写，开放后再提交。`} />
  );
}
