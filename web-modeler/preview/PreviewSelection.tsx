// Which filings the preview replays: the year, the province, a city or a county, and at most how many.
import { ExperimentOutlined } from '@ant-design/icons';
import { Button, Cascader, Form, InputNumber } from 'antd';
import { useMemo } from 'react';
import type { ApiError } from '../modeler-api.ts';
import { fieldHelp } from './preview-errors.ts';
import { pathOf, regionOptions, ZHEJIANG } from './region-choice.ts';
import type { ImpactPreviewState } from './use-impact-preview.ts';

export function PreviewSelection({ state, apiError }: { state: ImpactPreviewState; apiError: ApiError | undefined }) {
  const options = useMemo(regionOptions, []);
  return (
    <Form layout="inline" onFinish={() => void state.run()}>
      <Form.Item label="审核年度" {...fieldHelp(apiError, '/filings/year')}>
        <InputNumber min={2015} max={2100} value={state.year} onChange={(v) => v !== null && state.setYear(v)} data-testid="preview-year" />
      </Form.Item>
      <Form.Item label="地区" {...fieldHelp(apiError, '/filings/regionCode')}>
        <Cascader
          style={{ width: 240 }}
          options={options}
          changeOnSelect
          allowClear={false}
          value={pathOf(state.region)}
          onChange={(path) => state.setRegion(String(path[path.length - 1] ?? ZHEJIANG))}
          displayRender={(labels) => labels.join(' / ')}
          data-testid="preview-region"
        />
      </Form.Item>
      <Form.Item label="最多回放" {...fieldHelp(apiError, '/filings/limit')}>
        <InputNumber min={1} max={5000} value={state.limit} onChange={state.setLimit} placeholder="全部" suffix="份" style={{ width: 140 }} data-testid="preview-limit" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<ExperimentOutlined />} loading={state.running} disabled={state.files.length === 0} data-testid="run-preview">
          开始预览
        </Button>
      </Form.Item>
    </Form>
  );
}
