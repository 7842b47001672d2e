// Missed deadlines escalated to the county lead or the city (督办): staff supervision, never shown to employers.
import { List, Tag, Typography } from 'antd';
import type { FilingDetail } from '../../lib/filing-types.ts';
import { chineseDate, chineseDateTime } from '../../lib/format.ts';

type Escalation = NonNullable<FilingDetail['escalations']>[number];

export function EscalationList({ escalations }: { escalations: Escalation[] }) {
  return (
    <List<Escalation>
      data-testid="escalations"
      dataSource={escalations}
      locale={{ emptyText: '暂无督办记录' }}
      renderItem={(e) => (
        <List.Item>
          <List.Item.Meta
            title={
              <>
                <Tag color="red">督办</Tag>
                {e.title}
              </>
            }
            description={
              <>
                <Typography.Paragraph style={{ marginBottom: 4 }}>{e.body}</Typography.Paragraph>
                <Typography.Text type="secondary">
                  {chineseDateTime(e.createdAt)} 发出{e.dueAt ? ` · 原办理期限 ${chineseDate(e.dueAt)}` : ''}
                  {e.readAt ? ` · ${chineseDateTime(e.readAt)} 已阅` : ' · 未阅'}
                </Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
