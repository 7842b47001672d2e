// 年审认证确认书: the current confirmation's code and where anyone can check it, and the PDF to print. While the
// filing is reviewed again after approved feedback, it says this confirmation will be replaced by the new result.
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { saveFile } from '../../../components/filing/save-file.ts';
import { ApiError, api } from '../../../lib/api.ts';
import { chineseDate, persons } from '../../../lib/format.ts';

interface Certificate {
  code: string;
  sequence: number;
  year: number;
  employerName: string;
  certifiedCount: number;
  requiredCount: number;
  issuedAt: string;
  verifyUrl: string;
  pdfHref: string;
}

/** After approved feedback, before the new certification: the unit is to modify the declaration, or it is reviewed again. */
export type Replacement = 'after-modification' | 're-review';

const REPLACEMENT_TITLES: Record<Replacement, string> = {
  'after-modification': '反馈已获同意：修改申报信息并重新审核后，原确认书将由新的认证结果取代',
  're-review': '重新审核中：原确认书将由新的认证结果取代',
};

/**
 * Shown once the filing has a certificate; nothing before. `version` changes make it read again; `replacing`: a
 * new certification will supersede this one.
 */
export function CertificatePanel({ filingId, version, replacing }: { filingId: string; version: string; replacing: Replacement | null }) {
  const { message } = App.useApp();
  const [certificate, setCertificate] = useState<Certificate | null>(null);
  const [downloading, setDownloading] = useState(false);

  useEffect(() => {
    let live = true;
    api<Certificate>('GET', `/api/filings/${filingId}/certificate`)
      .then((c) => live && setCertificate(c))
      .catch(() => live && setCertificate(null));
    return () => {
      live = false;
    };
  }, [filingId, version]);

  if (!certificate) return null;
  const pdf = async () => {
    setDownloading(true);
    try {
      await saveFile(certificate.pdfHref, `年审认证确认书-${certificate.employerName}-${certificate.year}年度.pdf`);
    } catch (error) {
      message.error(error instanceof ApiError ? error.title : '下载失败，请稍后再试');
    } finally {
      setDownloading(false);
    }
  };
  return (
    <Card
      size="small"
      title={<span><SafetyCertificateOutlined style={{ color: replacing ? '#8c8c8c' : '#389e0d' }} /> 年审认证确认书</span>}
      extra={replacing && <Tag color="orange">待取代</Tag>}
      data-testid="certificate-panel"
    >
      {replacing && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} data-testid="certificate-replaced-note"
          title={REPLACEMENT_TITLES[replacing]}
          description="重新认证后将出具新的确认书，本确认书随即失效；在此之前本确认书仍可核验。" />
      )}
      <Descriptions size="small" column={1}
        items={[
          { key: 'code', label: '验证码', children: <Typography.Text copyable strong data-testid="certificate-code">{certificate.code}</Typography.Text> },
          { key: 'issued', label: '出具日期', children: chineseDate(certificate.issuedAt) },
          { key: 'count', label: '认定人数', children: `${persons(certificate.certifiedCount)}（应安排 ${persons(certificate.requiredCount)}）` },
          { key: 'verify', label: '在线核验', children: <Typography.Link href={certificate.verifyUrl} target="_blank" rel="noreferrer">{certificate.verifyUrl}</Typography.Link> },
        ]} />
      <Button type="primary" icon={<DownloadOutlined />} onClick={pdf} loading={downloading} data-testid="download-certificate" style={{ marginTop: 8 }}>
        下载确认书（PDF）
      </Button>
    </Card>
  );
}
