/** 项目 (#/projects/:id): the project card, indicators, target adjustments and every round's reports, judged. */
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Result, Spin } from 'antd';
import { lazy, Suspense, useState } from 'react';
import type { ProjectDetail } from '../../../../src/shared/api-types';
import { ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { useAuth } from '../auth/auth-context';
import { AdjustTargetModal } from './adjust-target-modal';
import { IndicatorsCard, ProjectInfoCard, TargetVersionsCard } from './project-panels';
import { ProjectRounds } from './project-rounds';

const ProgressChart = lazy(() => import('./progress-chart'));

export default function ProjectPage({ projectId }: { projectId: string }) {
  const { me } = useAuth();
  const p = useApi(() => api.project(projectId), [projectId]);
  const [adjusting, setAdjusting] = useState<ProjectDetail['indicators'][number] | null>(null);
  const [updated, setUpdated] = useState<ProjectDetail | null>(null);
  // After a hash change to another project, the previous project's answer is not shown while (or if) this one loads.
  const latest = updated?.project.id === projectId ? updated : p.data;
  const detail = latest?.project.id === projectId ? latest : undefined;
  const back = me.abilities.readTable ? { to: '#/rounds', text: '填报批次' } : { to: '#/mine', text: '我的填报' };

  if (p.error && !detail) {
    // The server answers 404 both for a missing project and for one outside the reader's units.
    if (p.error instanceof ApiError && (p.error.status === 404 || p.error.status === 403))
      return (
        <div data-testid="project-not-found">
          <Result
            status="404"
            title="项目不存在或无权访问"
            subTitle="请确认链接是否正确，或该项目是否由本单位承担。"
            extra={
              <Button type="primary" href={back.to}>
                返回{back.text}
              </Button>
            }
          />
        </div>
      );
    return <ErrorBlock error={p.error} onRetry={() => void p.reload()} />;
  }
  if (!detail) return <Spin size="large" style={{ display: 'block', margin: 64 }} />;

  const { project, indicators, targetVersions, rounds } = detail;
  // A line needs two points: the chart appears once two rounds have a computed completion ratio.
  const judgedRounds = rounds.filter((r) => r.reports.some((x) => x.completionRatio != null)).length;
  return (
    <div data-testid="project-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 16 }}>
        <div>
          <a href={back.to}>
            <ArrowLeftOutlined /> {back.text}
          </a>
          <h1 className="page-title" style={{ marginTop: 4 }}>
            {project.name}
          </h1>
          <div className="page-subtitle">
            {project.code} · 全年目标、各期进展与系统研判
            {rounds.length ? ` · ${rounds.length} 期填报` : ''}
          </div>
        </div>
        <Button
          icon={<ReloadOutlined />}
          loading={p.loading}
          onClick={() => {
            setUpdated(null);
            void p.reload();
          }}
        >
          刷新
        </Button>
      </div>
      <ProjectInfoCard project={project} />
      <IndicatorsCard indicators={indicators} {...(detail.abilities.adjustTarget ? { onAdjust: setAdjusting } : {})} />
      {adjusting && (
        <AdjustTargetModal
          indicator={adjusting}
          onClose={() => setAdjusting(null)}
          onDone={(d) => {
            setUpdated(d);
            setAdjusting(null);
          }}
        />
      )}
      {targetVersions.length > 0 && <TargetVersionsCard versions={targetVersions} />}
      {judgedRounds > 1 && (
        <Card size="small" title="完成率走势（系统研判）" style={{ marginBottom: 12 }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>
            <ProgressChart rounds={rounds} />
          </Suspense>
        </Card>
      )}
      <ProjectRounds rounds={rounds} canExport={detail.abilities.exportDocuments} />
    </div>
  );
}
