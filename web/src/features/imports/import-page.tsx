/**
 * 导入表格 (#/import, 督查室/管理员): upload a file or paste a table → preview (round read from the title, column
 * mapping, every item as it will be stored, warnings, unknown units) → 确认导入 → summary. Nothing is written before
 * 确认导入: the preview calls only parse; the commit sends the same input again with the user's choices.
 */
import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ColumnMappingOverride, ImportField } from '../../../../src/domain/collect/import/types';
import { parsePeriodKey, periodEnd } from '../../../../src/domain/plan/periods';
import { describeIssues, type ImportOptions, ImportOptionsSchema } from '../../../../src/shared/schemas';
import { errorMessage, type UploadProgress } from '../../api/client';
import {
  api,
  type ImportCommitSummary,
  type ImportPreviewResponse,
  type ProgrammeSummary,
  type ImportSource as Source,
} from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { useProgramme } from '../rounds/use-programme';
import { ImportColumns } from './import-columns';
import { acceptOptions, differencesBlockers, ImportDifferences, useImportDifferences } from './import-differences';
import { fileProblem, normalizeKey } from './import-format';
import { ImportItems, ImportWarnings, type UnitResolution } from './import-items';
import { ImportRound } from './import-round';
import { ImportSource, type PasteState } from './import-source';
import { ImportSummary } from './import-summary';
import { ImportUnits, isResolved, type UnitChoice } from './import-units';

type Busy = { what: 'preview' | 'commit'; sending: 'file' | 'paste' };
type PageError = { where: 'source' | 'commit'; message: string };

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

/** The programme of the file's year, else the one the user works on. */
function defaultProgramme(
  list: ProgrammeSummary[],
  year: number | null | undefined,
  current: ProgrammeSummary | undefined,
) {
  return (year ? list.find((p) => p.year === year)?.id : undefined) ?? current?.id;
}

const EMPTY_PASTE: PasteState = { text: '', html: null };

/** The unknown units the user mapped to existing organisations or chose to create. */
function unitOptions(unknown: readonly string[], choices: Record<string, UnitChoice>) {
  const unitMapping: Record<string, string> = {};
  const createUnits: string[] = [];
  for (const n of unknown) {
    const c = choices[n];
    if (c?.orgId) unitMapping[n] = c.orgId;
    else if (c?.create) createUnits.push(n);
  }
  return {
    ...(Object.keys(unitMapping).length ? { unitMapping } : {}),
    ...(createUnits.length ? { createUnits } : {}),
  };
}

export default function ImportPage() {
  const { message } = App.useApp();
  const { programmes, programme: currentProgramme, error: programmesError } = useProgramme();

  const [file, setFile] = useState<File | null>(null);
  const [paste, setPaste] = useState<PasteState>(EMPTY_PASTE);
  /** The input of the preview on screen (the commit sends it again). */
  const [source, setSource] = useState<Source | null>(null);
  const [result, setResult] = useState<ImportPreviewResponse | null>(null);
  const [mapping, setMapping] = useState<ColumnMappingOverride[]>([]);
  const [periodKey, setPeriodKey] = useState('');
  const [asOf, setAsOf] = useState('');
  const [touched, setTouched] = useState({ periodKey: false, asOf: false });
  const [chosenProgramme, setChosenProgramme] = useState<string | undefined>(undefined);
  const [choices, setChoices] = useState<Record<string, UnitChoice>>({});
  const [busy, setBusy] = useState<Busy | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<PageError | null>(null);
  const [summary, setSummary] = useState<ImportCommitSummary | null>(null);
  const seq = useRef(0);
  const inFlight = useRef<AbortController | null>(null);

  useEffect(() => () => inFlight.current?.abort(), []);

  const preview = result?.preview;
  const programmeId = chosenProgramme ?? defaultProgramme(programmes, preview?.round.year, currentProgramme);
  const rounds = useApi(programmeId && preview ? () => api.rounds(programmeId) : null, [programmeId, Boolean(preview)]);

  // Differences with the chosen programme's existing data (re-import), and which ones the user accepts.
  const diff = useImportDifferences({
    source,
    hasPreview: Boolean(preview),
    programmeId,
    mapping,
    periodKey,
    units: unitOptions(preview?.units.unknown ?? [], choices),
  });

  /** Parse `src` on the server. `fresh` = a new input (reset the user's choices); else a re-run with a new mapping. */
  const runPreview = useCallback(
    async (src: Source, nextMapping: ColumnMappingOverride[], fresh: boolean) => {
      inFlight.current?.abort();
      const ctl = new AbortController();
      inFlight.current = ctl;
      const mine = ++seq.current;
      setBusy({ what: 'preview', sending: src.kind });
      setProgress(null);
      setError(null);
      if (fresh) {
        setResult(null);
        setSummary(null);
      }
      try {
        const r = await api.importPreview(src, nextMapping.length ? { mapping: nextMapping } : {}, {
          signal: ctl.signal,
          onProgress: (p) => mine === seq.current && setProgress(p),
        });
        if (mine !== seq.current) return;
        const round = r.preview.round;
        setResult(r);
        setSource(src);
        setMapping(nextMapping);
        if (fresh) {
          setPeriodKey(round.periodKey ?? '');
          setAsOf(round.asOf ?? '');
          setTouched({ periodKey: false, asOf: false });
          setChosenProgramme(undefined);
          setChoices({});
        } else {
          if (!touched.periodKey) setPeriodKey(round.periodKey ?? '');
          if (!touched.asOf) setAsOf(round.asOf ?? '');
        }
      } catch (e) {
        if (mine !== seq.current || isAbort(e)) return;
        setError({ where: 'source', message: errorMessage(e) });
      } finally {
        if (mine === seq.current) {
          setBusy(null);
          setProgress(null);
        }
      }
    },
    [touched],
  );

  function chooseFile(f: File) {
    const problem = fileProblem(f);
    if (problem) {
      setError({ where: 'source', message: problem });
      return;
    }
    setFile(f);
    void runPreview({ kind: 'file', file: f }, [], true);
  }

  function previewPaste() {
    if (!paste.text.trim()) return;
    void runPreview({ kind: 'paste', text: paste.html ?? paste.text }, [], true);
  }

  /** Change one column's field; columns with the same header in the other tables (a table split across pages) follow. */
  function remap(table: number, column: number, field: ImportField | null) {
    if (!source || !preview) return;
    const header = preview.columns.find((t) => t.table === table)?.columns.find((c) => c.index === column)?.header;
    const targets = preview.columns.flatMap((t) =>
      t.columns
        .filter((c) => (t.table === table && c.index === column) || (header && c.header === header))
        .map((c) => ({ table: t.table, column: c.index })),
    );
    const next = mapping.filter((m) => !targets.some((x) => x.table === m.table && x.column === m.column));
    for (const x of targets) next.push({ ...x, field });
    void runPreview(source, next, false);
  }

  function changePeriodKey(raw: string) {
    const key = normalizeKey(raw);
    setPeriodKey(key);
    setTouched((t) => ({ ...t, periodKey: true }));
    // A date read from the title stays; a date that was only derived from the period follows the new period.
    const end = parsePeriodKey(key) ? periodEnd(key) : null;
    if (end && !touched.asOf && (!preview?.round.asOf || preview.round.asOfInferred)) setAsOf(end);
  }

  function reset() {
    inFlight.current?.abort();
    seq.current++;
    setFile(null);
    setPaste(EMPTY_PASTE);
    setSource(null);
    setResult(null);
    setMapping([]);
    setPeriodKey('');
    setAsOf('');
    setTouched({ periodKey: false, asOf: false });
    setChosenProgramme(undefined);
    setChoices({});
    setBusy(null);
    setProgress(null);
    setError(null);
    setSummary(null);
    diff.reset();
  }

  const units = useMemo<UnitResolution>(() => {
    const m: UnitResolution = new Map();
    if (!result) return m;
    const orgName = new Map(result.orgs.map((o) => [o.id, o.name]));
    for (const x of result.preview.units.matched) m.set(x.name, { kind: 'matched', to: x.orgName });
    for (const n of result.preview.units.collective) m.set(n, { kind: 'collective' });
    for (const n of result.preview.units.unknown) {
      const c = choices[n];
      m.set(
        n,
        c?.orgId
          ? { kind: 'mapped', to: orgName.get(c.orgId) ?? c.orgId }
          : c?.create
            ? { kind: 'create' }
            : { kind: 'unknown' },
      );
    }
    return m;
  }, [result, choices]);

  // Why 确认导入 is not possible yet (empty = ready).
  const blockers: string[] = [];
  if (preview) {
    const parsed = periodKey ? parsePeriodKey(periodKey) : null;
    const programme = programmes.find((p) => p.id === programmeId);
    if (source?.kind === 'paste' && (paste.html ?? paste.text) !== source.text)
      blockers.push('粘贴的内容已修改，请先重新预览');
    if (!preview.items.length) blockers.push('没有可导入的项目');
    if (!programme) blockers.push('请选择实事计划');
    if (periodKey && !parsed) blockers.push('期次格式不正确');
    if (programme && parsed && parsed.year !== programme.year) blockers.push('期次与计划年度不一致');
    const open = preview.units.unknown.filter((n) => !isResolved(choices[n])).length;
    if (open) blockers.push(`还有 ${open} 个未识别的单位未处理`);
    blockers.push(...differencesBlockers(diff, Boolean(programme)));
  }

  async function commit() {
    if (!source || !preview || blockers.length) return;
    const options: ImportOptions = {
      programmeId,
      ...(mapping.length ? { mapping } : {}),
      ...(periodKey ? { periodKey } : {}),
      ...(asOf ? { asOf } : {}),
      ...unitOptions(preview.units.unknown, choices),
      ...acceptOptions(diff.differences, diff.choices),
    };
    const check = ImportOptionsSchema.safeParse(options);
    if (!check.success) {
      setError({ where: 'commit', message: describeIssues(check.error.issues) });
      return;
    }
    inFlight.current?.abort();
    const ctl = new AbortController();
    inFlight.current = ctl;
    const mine = ++seq.current;
    setBusy({ what: 'commit', sending: source.kind });
    setProgress(null);
    setError(null);
    try {
      const s = await api.importCommit(source, check.data, {
        signal: ctl.signal,
        onProgress: (p) => mine === seq.current && setProgress(p),
      });
      if (mine !== seq.current) return;
      setSummary(s);
      message.success('导入完成');
      window.scrollTo({ top: 0 });
    } catch (e) {
      if (mine !== seq.current || isAbort(e)) return;
      setError({ where: 'commit', message: errorMessage(e) });
    } finally {
      if (mine === seq.current) {
        setBusy(null);
        setProgress(null);
      }
    }
  }

  const header = (
    <>
      <h1 className="page-title">导入表格</h1>
      <div className="page-subtitle">
        从 Word、WPS、Excel 或网页表格导入项目、目标和进展。先预览核对，点击“确认导入”后才写入。
      </div>
    </>
  );

  if (summary) {
    return (
      <>
        {header}
        <ImportSummary summary={summary} onAgain={reset} />
      </>
    );
  }

  const previewing = busy?.what === 'preview';
  const committing = busy?.what === 'commit';
  const errorAlert = (where: PageError['where']) =>
    error?.where === where ? (
      <Alert
        type="error"
        showIcon
        title={where === 'source' ? '无法读取导入内容' : '导入失败'}
        description={error.message}
        closable={{ onClose: () => setError(null) }}
        style={{ marginBottom: 12 }}
        data-testid="import-error"
      />
    ) : null;

  return (
    <>
      {header}
      <ImportSource
        file={file}
        paste={paste}
        busy={busy !== null}
        sending={previewing ? (busy?.sending ?? null) : null}
        progress={previewing ? progress : null}
        onFile={chooseFile}
        onPaste={setPaste}
        onPreviewPaste={previewPaste}
      />
      {errorAlert('source')}
      {programmesError ? (
        <Alert type="error" showIcon title={`无法加载实事计划：${errorMessage(programmesError)}`} />
      ) : null}
      {previewing && !preview && (
        <Card style={{ textAlign: 'center', marginBottom: 12 }}>
          <Spin description="正在解析…">
            <div style={{ height: 48 }} />
          </Spin>
        </Card>
      )}
      {preview && result && (
        <Spin spinning={previewing} description="正在重新解析…">
          <div data-testid="import-preview-result">
            <ImportRound
              preview={preview}
              programmes={programmes}
              programmeId={programmeId}
              onProgramme={setChosenProgramme}
              periodKey={periodKey}
              onPeriodKey={changePeriodKey}
              asOf={asOf}
              onAsOf={(d) => {
                setAsOf(d);
                setTouched((t) => ({ ...t, asOf: true }));
              }}
              rounds={rounds.data}
            />
            <ImportColumns
              tables={preview.columns}
              mapping={mapping}
              busy={busy !== null}
              onChange={remap}
              onReset={() => source && void runPreview(source, [], false)}
            />
            <ImportWarnings preview={preview} />
            <ImportItems preview={preview} units={units} />
            <ImportUnits
              preview={preview}
              orgs={result.orgs}
              choices={choices}
              busy={busy !== null}
              onChoose={(name, c) => setChoices((all) => ({ ...all, [name]: c }))}
              onCreateRest={() =>
                setChoices((all) => {
                  const next = { ...all };
                  for (const n of preview.units.unknown) if (!isResolved(next[n])) next[n] = { create: true };
                  return next;
                })
              }
            />
            <ImportDifferences
              differences={diff.differences}
              loading={diff.loading}
              error={diff.error}
              choices={diff.choices}
              onChange={diff.setChoices}
            />
            <Card size="small" style={{ marginBottom: 12 }}>
              {errorAlert('commit')}
              <Space wrap align="center">
                <Button
                  type="primary"
                  size="large"
                  icon={<CheckOutlined />}
                  disabled={blockers.length > 0 || (busy !== null && !committing)}
                  loading={committing}
                  onClick={() => void commit()}
                  data-testid="import-commit"
                >
                  确认导入
                </Button>
                {committing ? (
                  <Typography.Text type="secondary">
                    {source?.kind === 'file' && progress && progress.total && progress.loaded < progress.total
                      ? `正在上传 ${Math.floor((progress.loaded / progress.total) * 100)}%…`
                      : '正在写入…'}
                  </Typography.Text>
                ) : blockers.length ? (
                  <Typography.Text type="warning" data-testid="import-blockers">
                    {blockers.join('；')}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">
                    将导入 {preview.items.length} 项。已有编号的项目按编号更新，其余新建；进展作为新的填报版本保存；
                    与已有数据的差异只写入勾选的 {diff.choices.accept.size} 处。
                  </Typography.Text>
                )}
              </Space>
            </Card>
          </div>
        </Spin>
      )}
    </>
  );
}
