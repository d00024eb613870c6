/** 填报表单 (#/reports/:id): project card, the form beside last period's report, save/submit, review, history. */

import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Row, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { submitProblems } from '../../../../src/domain/review/submit-rules';
import type { ReportDetail } from '../../../../src/shared/api-types';
import { describeIssues, SaveReportSchema } from '../../../../src/shared/schemas';
import { ApiError, errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { ErrorBlock } from '../../components/error-block';
import { ReviewButtons, RevokeButton } from '../../components/review-buttons';
import { href } from '../../router';
import { useAuth } from '../auth/auth-context';
import { AnalysisPanel } from './analysis-panel';
import { draftFromDetail, isDirty, type ReportDraft, toSaveInput } from './report-draft';
import { ReportForm } from './report-form';
import { PreviousReport, ProjectCard, ReportHistory } from './report-panels';
import { VersionDiff } from './version-diff';

type Loaded = { detail: ReportDetail; base: ReportDraft };

export default function ReportPage({ reportId }: { reportId: string }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [draft, setDraft] = useState<ReportDraft | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | 'reload' | null>(null);

  const apply = useCallback((d: ReportDetail) => {
    const base = draftFromDetail(d);
    setLoaded({ detail: d, base });
    setDraft(base);
    setConflict(null);
    setFormError(null);
  }, []);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      apply(await api.report(reportId));
    } catch (e) {
      setLoadError(e);
    }
  }, [reportId, apply]);

  useEffect(() => {
    setLoaded(null);
    setDraft(null);
    void load();
  }, [load]);

  const dirty = loaded && draft ? isDirty(draft, loaded.base) : false;
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (loadError && !loaded) return <ErrorBlock error={loadError} onRetry={() => void load()} />;
  if (!loaded || !draft) return <Spin size="large" style={{ display: 'block', margin: 64 }} />;
  const { detail } = loaded;
  const { report } = detail;
  const can = report.abilities;
  const editable = !report.locked && can.save;
  const canSubmit = !report.locked && can.submit;
  const canReview = can.approve || can.return;

  function failed(e: unknown) {
    if (e instanceof ApiError && e.status === 409) {
      setConflict(e.message);
      message.warning(e.message);
      return;
    }
    setFormError(errorMessage(e));
    message.error(errorMessage(e));
  }

  async function save(quiet: boolean): Promise<ReportDetail | null> {
    if (!draft) return null;
    const input = toSaveInput(
      draft,
      report.versionNo,
      detail.indicators.map((i) => i.id),
    );
    const check = SaveReportSchema.safeParse(input);
    if (!check.success) {
      setFormError(describeIssues(check.error.issues));
      return null;
    }
    try {
      const d = await api.saveReport(reportId, check.data);
      apply(d);
      if (!quiet) message.success(`已保存草稿（第 ${d.report.versionNo} 版）`);
      return d;
    } catch (e) {
      failed(e);
      return null;
    }
  }

  async function onSave() {
    setBusy('save');
    setFormError(null);
    await save(false);
    setBusy(null);
  }

  async function onSubmit() {
    if (!draft) return;
    setFormError(null);
    // The same rule the server enforces (落实情况, 进度自评, and the written analysis for a self-assessed 滞后).
    const problems = submitProblems(draft);
    if (problems.length) return setFormError(problems.join('；'));
    setBusy('submit');
    try {
      let version = report.versionNo;
      if (dirty) {
        const saved = await save(true);
        if (!saved) return;
        version = saved.report.versionNo;
      }
      apply(await api.submitReport(reportId, version));
      message.success('已提交，等待督查室审核');
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  }

  async function reload() {
    setBusy('reload');
    await load();
    setBusy(null);
  }

  const back = me.abilities.readTable
    ? { to: href('rounds', detail.round.id, 'table'), text: '汇总表' }
    : { to: href('rounds', detail.round.id, 'mine'), text: '我的填报' };

  return (
    <>
      <a href={back.to}>
        <ArrowLeftOutlined /> {back.text}
      </a>
      <h1 className="page-title" style={{ marginTop: 4 }}>
        {detail.round.periodLabel}进展填报
      </h1>
      <div className="page-subtitle">
        {detail.report.unit.name} · {report.versionNo ? `第 ${report.versionNo} 版` : '尚未保存'} · 批次
        <span data-testid="report-round-state">{detail.round.stateLabel}</span> · 报送截止
        {detail.round.unitDueDate}
        {detail.round.unitDueDate !== detail.round.dueDate ? '（已延期）' : ''}
        {detail.round.reopenedForUnit ? ' · 已为本单位重新开放' : ''}
      </div>
      <ProjectCard detail={detail} />
      {report.lastComment && report.status === 'returned' && (
        <Alert
          type="warning"
          showIcon
          title={`审核意见：${report.lastComment}`}
          description="请根据审核意见修改后重新提交。"
          style={{ marginBottom: 12 }}
          data-testid="review-comment"
        />
      )}
      {report.lastComment && report.status !== 'returned' && (
        <Alert type="info" showIcon title={`审核意见：${report.lastComment}`} style={{ marginBottom: 12 }} />
      )}
      {report.locked && (
        <Alert type="info" showIcon title="已审核，不可修改" style={{ marginBottom: 12 }} data-testid="locked-notice" />
      )}
      {!report.locked && !editable && report.status === 'submitted' && !canReview && (
        <Alert
          type="info"
          showIcon
          title="已提交，等待督查室审核"
          style={{ marginBottom: 12 }}
          data-testid="submitted-notice"
        />
      )}
      {conflict && (
        <Alert
          type="error"
          showIcon
          title={conflict}
          description="您在本页的修改尚未保存。重新加载将显示最新内容（可先复制您的修改）。"
          action={
            <Button
              size="small"
              danger
              loading={busy === 'reload'}
              onClick={() => void reload()}
              data-testid="reload-report"
            >
              重新加载
            </Button>
          }
          style={{ marginBottom: 12 }}
          data-testid="conflict-alert"
        />
      )}
      {formError && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setFormError(null) }}
          title={formError}
          style={{ marginBottom: 12 }}
          data-testid="form-error"
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card
            size="small"
            title={`本期填报 · ${detail.round.periodLabel}`}
            extra={
              dirty ? (
                <Typography.Text type="warning" data-testid="dirty-indicator">
                  有未保存的修改
                </Typography.Text>
              ) : null
            }
            style={{ marginBottom: 12 }}
          >
            <ReportForm
              detail={detail}
              draft={draft}
              editable={editable}
              fieldComments={report.status === 'returned' ? detail.review.fieldComments : null}
              onChange={(patch) => setDraft((d) => (d ? { ...d, ...patch } : d))}
            />
            {(editable || canSubmit || canReview || can.revoke) && (
              <Space wrap style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12, width: '100%' }}>
                {editable && (
                  <Button
                    icon={<SaveOutlined />}
                    loading={busy === 'save'}
                    disabled={busy !== null && busy !== 'save'}
                    onClick={() => void onSave()}
                    data-testid="save-draft"
                  >
                    保存草稿
                  </Button>
                )}
                {canSubmit && (
                  <Button
                    type="primary"
                    icon={<SendOutlined />}
                    loading={busy === 'submit'}
                    disabled={busy !== null && busy !== 'submit'}
                    onClick={() => void onSubmit()}
                    data-testid="submit-report"
                  >
                    提交
                  </Button>
                )}
                {canReview && (
                  <ReviewButtons
                    reportId={report.id}
                    baseVersion={report.versionNo}
                    label={detail.project.name}
                    size="middle"
                    onDone={(d) => (d ? apply(d) : void load())}
                  />
                )}
                {can.revoke && (
                  <RevokeButton
                    reportId={report.id}
                    baseVersion={report.versionNo}
                    onDone={(d) => (d ? apply(d) : void load())}
                  />
                )}
              </Space>
            )}
          </Card>
          <VersionDiff key={`${report.id}:${report.versionNo}`} detail={detail} />
        </Col>
        <Col xs={24} lg={9}>
          <AnalysisPanel reportId={report.id} reportVersion={report.versionNo} />
          <PreviousReport detail={detail} />
          <ReportHistory detail={detail} />
        </Col>
      </Row>
    </>
  );
}
