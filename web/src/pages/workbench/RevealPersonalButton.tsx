// 查看完整证件号码 (after a confirmation that says the read is audited) and 隐藏完整号码; only for the roles that may.
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Popconfirm } from 'antd';
import { useSession, type Role } from '../../lib/session.tsx';

/** docs/domain.md §8: DPF staff who verify identities may see whole numbers; the server audits and enforces it. */
const MAY_REVEAL: Role[] = ['clerk', 'reviewer', 'lead', 'city', 'province'];

export function RevealPersonalButton({ reveal, onReveal }: { reveal: boolean; onReveal: (reveal: boolean) => void }) {
  const { who } = useSession();
  if (!who || !MAY_REVEAL.includes(who.role)) return null;
  if (reveal) {
    return (
      <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => onReveal(false)} data-testid="hide-personal">
        隐藏完整号码
      </Button>
    );
  }
  return (
    <Popconfirm
      title="查看完整证件号码"
      description="完整的身份证号和证号仅供核验使用，本次查看将记入审计日志。"
      okText="确认查看"
      cancelText="取消"
      onConfirm={() => onReveal(true)}
    >
      <Button size="small" icon={<EyeOutlined />} data-testid="reveal-personal">
        查看完整证件号码
      </Button>
    </Popconfirm>
  );
}
