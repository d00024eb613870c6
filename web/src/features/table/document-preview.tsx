/**
 * The first page of an official document, drawn in the browser from the document model (the same model the .docx,
 * .xlsx and PDF renderers draw): titles, notes, the table with its merges and coloured marks.
 */
import type { Block, Cell, Para } from '../../../../src/domain/publish/document/model';

const STYLE_CLASS: Record<string, string> = {
  attachment: 'doc-attachment',
  title: 'doc-title',
  subtitle: 'doc-subtitle',
  heading: 'doc-heading',
  body: 'doc-body',
  note: 'doc-body',
  signature: 'doc-signature',
};

function Paragraph({ p, className }: { p: Para; className?: string }) {
  return (
    <p className={className} style={{ textAlign: p.align ?? undefined, textIndent: p.indent ? '2em' : undefined }}>
      {p.runs.map((r, i) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: runs have no identity beyond their order
          key={i}
          style={{ fontWeight: r.bold ? 600 : undefined, color: r.color ? `#${r.color}` : undefined }}
        >
          {r.text}
        </span>
      ))}
    </p>
  );
}

function TableCell({ c, header, align }: { c: Cell; header?: boolean; align?: string | undefined }) {
  const Tag = header ? 'th' : 'td';
  return (
    <Tag
      colSpan={c.colSpan}
      rowSpan={c.rowSpan}
      style={{
        textAlign: (c.align ?? align ?? (header ? 'center' : 'left')) as 'left',
        verticalAlign: c.vAlign === 'middle' || header ? 'middle' : 'top',
        background: c.shade ? `#${c.shade}` : undefined,
      }}
    >
      {c.paras.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity beyond their order
        <Paragraph key={i} p={p} />
      ))}
    </Tag>
  );
}

export function DocumentPreview({ blocks, omittedRows }: { blocks: Block[]; omittedRows: number }) {
  return (
    <div className="doc-preview" data-testid="document-preview">
      {blocks.map((b, i) => {
        const key = `${b.kind}-${i}`;
        if (b.kind === 'pageBreak') return <hr key={key} className="doc-page-break" />;
        if (b.kind === 'paragraph') return <Paragraph key={key} p={b.para} className={STYLE_CLASS[b.style]} />;
        const total = b.columns.reduce((s, c) => s + c.width, 0);
        return (
          <table key={key} className="doc-table" style={{ fontSize: `${Math.max(11, b.fontSize + 1)}px` }}>
            <colgroup>
              {b.columns.map((c, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                <col key={k} style={{ width: `${(100 * c.width) / total}%` }} />
              ))}
            </colgroup>
            <thead>
              {b.header.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                <tr key={r}>
                  {row.map((c, k) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                    <TableCell key={k} c={c} header />
                  ))}
                </tr>
              ))}
            </thead>
            <tbody>
              {b.body.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                <tr key={r}>
                  {row.map((c, k) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                    <TableCell key={k} c={c} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
      {omittedRows > 0 && <p className="doc-omitted">…… 另有 {omittedRows} 行，见下载的文件</p>}
    </div>
  );
}
