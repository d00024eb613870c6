/** 填报表单 (#/reports/:id): project card, the form beside last period's report, save/submit, review, history. */

import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Row, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatCnDate } from '../../../../src/domain/plan/periods';
import { submitProblems } from '../../../../src/domain/review/submit-rules';
import type { ReportDetail } from '../../../../src/shared/api-types';
import { describeIssues, SaveReportSchema } from '../../../../src/shared/schemas';
import { ApiError, errorMessage, humanizeMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { ErrorBlock } from '../../components/error-block';
import { ReviewButtons, RevokeButton } from '../../components/review-buttons';
import { href } from '../../router';
import { useAuth } from '../auth/auth-context';
import { AnalysisPanel } from './analysis-panel';
import { DraftConflict } from './draft-conflict';
import { decide, dropDrafts, findDraft, keepDraft, type StoredDraft } from './local-draft';
import { draftFromDetail, isDirty, type ReportDraft, toSaveInput } from './report-draft';
import { ReportForm } from './report-form';
import { PreviousReport, ProjectCard, ReportHistory } from './report-panels';
import { VersionDiff } from './version-diff';

type Loaded = { detail: ReportDetail; base: ReportDraft };

/** A notice about the copy kept in this browser: restored, waiting for the network, or saved after a retry. */
type Notice = { kind: 'restored' | 'offline' | 'retried'; text: string };

/** How often a pending draft is tried again while the page stays open (besides the browser's "online" event). */
const RETRY_MS = 15_000;

const isNetworkError = (e: unknown) => e instanceof ApiError && e.status === 0;

export default function ReportPage({ reportId }: { reportId: string }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [draft, setDraft] = useState<ReportDraft | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | 'reload' | null>(null);
  /** A kept draft typed on another version than the server's: both are shown until the user chooses. */
  const [localConflict, setLocalConflict] = useState<StoredDraft | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  /** The user asked to save and the server was out of reach: save again when the network is back. */
  const [pending, setPending] = useState(false);
  const pendingRef = useRef(false);
  pendingRef.current = pending;

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
      const d = await api.report(reportId);
      apply(d);
      // A copy kept in this browser (typed before a dropped connection or a closed tab).
      const server = draftFromDetail(d);
      const decision = decide(findDraft(reportId), d.report.versionNo, server);
      const canEdit = !d.report.locked && d.report.abilities.save;
      setLocalConflict(null);
      if (decision.kind === 'restore' && canEdit) {
        setDraft(decision.stored.draft);
        setPending(decision.stored.pending);
        setNotice({
          kind: 'restored',
          text: decision.stored.pending
            ? '已恢复未保存的草稿，正在重新保存到服务器…'
            : '已恢复未保存的草稿（尚未保存到服务器，请检查后点击“保存草稿”）',
        });
      } else if (decision.kind !== 'none') {
        setLocalConflict(decision.stored);
      } else {
        dropDrafts(reportId);
      }
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
  const canKeep = loaded ? !loaded.detail.report.locked && loaded.detail.report.abilities.save : false;
  const loadedVersion = loaded?.detail.report.versionNo ?? 0;

  // Every change is kept in this browser until the server has it.
  useEffect(() => {
    if (!loaded || !draft || localConflict || !canKeep) return;
    if (dirty) keepDraft(reportId, loadedVersion, draft, pendingRef.current);
    else if (!pendingRef.current) dropDrafts(reportId);
  }, [reportId, loaded, draft, dirty, localConflict, canKeep, loadedVersion]);

  // Save again when the network is back (the browser's "online" event), and every RETRY_MS meanwhile.
  const retryRef = useRef<() => Promise<void>>(async () => undefined);
  useEffect(() => {
    if (!pending) return;
    const retry = () => {
      if (navigator.onLine) void retryRef.current();
    };
    window.addEventListener('online', retry);
    const timer = setInterval(retry, RETRY_MS);
    return () => {
      window.removeEventListener('online', retry);
      clearInterval(timer);
    };
  }, [pending]);
  // A draft that was waiting for the network when the page was left: try it once right away.
  const retriedOnLoad = useRef(false);
  useEffect(() => {
    if (notice?.kind === 'restored' && pending && !retriedOnLoad.current) {
      retriedOnLoad.current = true;
      if (navigator.onLine) void retryRef.current();
    }
  }, [notice, pending]);
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
    if (isNetworkError(e) && draft && dirty) {
      keepDraft(reportId, report.versionNo, draft, true);
      setPending(true);
      setNotice({
        kind: 'offline',
        text: '网络连接已断开，本次修改未能保存到服务器。草稿已保存在本机，网络恢复后将自动重新保存，请勿清除浏览器数据。',
      });
      return;
    }
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
      setFormError(humanizeMessage(describeIssues(check.error.issues)));
      return null;
    }
    try {
      const d = await api.saveReport(reportId, check.data);
      const wasPending = pendingRef.current;
      dropDrafts(reportId);
      setPending(false);
      setLocalConflict(null);
      apply(d);
      if (wasPending)
        setNotice({ kind: 'retried', text: `网络已恢复，本机草稿已保存到服务器（第 ${d.report.versionNo} 版）` });
      else setNotice(null);
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
      dropDrafts(reportId);
      setLocalConflict(null);
      setNotice(null);
      message.success('已提交，等待督查室审核');
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  }

  retryRef.current = async () => {
    if (busy) return;
    setBusy('save');
    await save(true);
    setBusy(null);
  };

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
        {formatCnDate(detail.round.unitDueDate)}
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
          description="您在本页的修改已保存在本机。重新加载后，将并排显示您的修改和最新内容，由您选择保留哪一份。"
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
          role="alert"
          closable={{ onClose: () => setFormError(null) }}
          title={formError}
          style={{ marginBottom: 12 }}
          data-testid="form-error"
        />
      )}
      {notice && (
        <Alert
          type={notice.kind === 'offline' ? 'warning' : notice.kind === 'retried' ? 'success' : 'info'}
          showIcon
          role={notice.kind === 'offline' ? 'alert' : 'status'}
          closable={notice.kind === 'offline' ? false : { onClose: () => setNotice(null) }}
          title={notice.text}
          style={{ marginBottom: 12 }}
          data-testid={`draft-notice-${notice.kind}`}
        />
      )}
      {localConflict && (
        <DraftConflict
          stored={localConflict}
          server={loaded.base}
          detail={detail}
          editable={editable}
          onUseLocal={() => {
            setDraft(localConflict.draft);
            setLocalConflict(null);
            setNotice({ kind: 'restored', text: '已用本机草稿继续编辑（尚未保存到服务器，请检查后点击“保存草稿”）' });
          }}
          onKeepServer={() => {
            dropDrafts(reportId);
            setLocalConflict(null);
          }}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card size="small" title="本期填报内容" style={{ marginBottom: 12 }}>
            <ReportForm
              detail={detail}
              draft={draft}
              editable={editable}
              fieldComments={report.status === 'returned' ? detail.review.fieldComments : null}
              onChange={(patch) => setDraft((d) => (d ? { ...d, ...patch } : d))}
            />
          </Card>
          <VersionDiff key={`${report.id}:${report.versionNo}`} detail={detail} />
        </Col>
        <Col xs={24} lg={9}>
          <AnalysisPanel reportId={report.id} reportVersion={report.versionNo} />
          <PreviousReport detail={detail} />
          <ReportHistory detail={detail} />
        </Col>
      </Row>
      {(editable || canSubmit || canReview || can.revoke) && (
        <ActionBar
          detail={detail}
          editable={editable}
          canSubmit={canSubmit}
          canReview={canReview}
          busy={busy}
          state={pending ? 'pending' : dirty ? 'dirty' : null}
          onSave={() => void onSave()}
          onSubmit={() => void onSubmit()}
          onDone={(d) => (d ? apply(d) : void load())}
        />
      )}
    </>
  );
}

/** 保存/提交 (and a reviewer's buttons) in a bar that stays at the bottom of the screen while the page scrolls. */
function ActionBar({
  detail,
  editable,
  canSubmit,
  canReview,
  busy,
  state,
  onSave,
  onSubmit,
  onDone,
}: {
  detail: ReportDetail;
  editable: boolean;
  canSubmit: boolean;
  canReview: boolean;
  busy: 'save' | 'submit' | 'reload' | null;
  /** pending: waiting for the network; dirty: changes not saved. */
  state: 'pending' | 'dirty' | null;
  onSave: () => void;
  onSubmit: () => void;
  onDone: (d: ReportDetail | null | undefined) => void;
}) {
  const { report } = detail;
  return (
    <section className="sticky-actions" aria-label="保存与提交" data-testid="report-actions">
      <Space wrap size={8}>
        {editable && (
          <Button
            icon={<SaveOutlined />}
            loading={busy === 'save'}
            disabled={busy !== null && busy !== 'save'}
            onClick={onSave}
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
            onClick={onSubmit}
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
            onDone={onDone}
          />
        )}
        {report.abilities.revoke && (
          <RevokeButton reportId={report.id} baseVersion={report.versionNo} onDone={onDone} />
        )}
        <span role="status" aria-live="polite">
          {state === 'pending' ? (
            <Typography.Text type="warning" data-testid="pending-indicator">
              待网络恢复后保存
            </Typography.Text>
          ) : state === 'dirty' ? (
            <Typography.Text type="warning" data-testid="dirty-indicator">
              有未保存的修改
            </Typography.Text>
          ) : null}
        </span>
      </Space>
    </section>
  );
}
