// 申报详情: one filing on its own page, as far as the caseworker's scope reaches (another unit's id answers 404).
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { FilingView } from './FilingView.tsx';

export function FilingDetailPage() {
  const { id = '' } = useParams();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/workbench/filings">
        <ArrowLeftOutlined /> 返回申报查询
      </Link>
      <FilingView key={id} filingId={id} />
    </Space>
  );
}
