/**
 * Checking the audit log's hash chain (domain/audit/chain.ts) against the database: from the retention anchor to the
 * recorded head, page by page. Used by the 审计管理员's page (audit-log.ts) and by `shishi audit verify`.
 */
import { type ChainVerdict, chainVerifier, verdictText } from '../../../domain/audit/chain';
import type { DbOrTx } from '../../db/connect';
import {
  auditDigest,
  auditRowsAfter,
  countUnchainedAudit,
  preferredAuditAlgorithm,
  readAuditChain,
} from '../../repositories/audit.repo';

export type AuditChainCheck = ChainVerdict & {
  /** The digest algorithm of the chain. */
  algorithm: string;
  anchor: ChainVerdict['anchor'] & { at: string | null };
  /** 通过 / 不通过 and why, in Chinese. */
  message: string;
};

const PAGE = 1000;

async function checkOnce(db: DbOrTx, pageSize: number): Promise<AuditChainCheck> {
  const chain = await readAuditChain(db);
  const algorithm = chain.algorithm ?? preferredAuditAlgorithm();
  const verifier = chainVerifier(chain.anchor, auditDigest(algorithm));
  let after = chain.anchor.seq;
  for (;;) {
    // Only up to the head read above: entries written while we read are for the next check.
    const rows = await auditRowsAfter(db, after, chain.head.seq, pageSize);
    if (!rows.every((r) => verifier.push(r))) break;
    const last = rows[rows.length - 1];
    if (rows.length < pageSize || !last?.seq) break;
    after = last.seq;
  }
  let verdict = verifier.finish(chain.head);
  if (verdict.ok) {
    const unchained = await countUnchainedAudit(db);
    if (unchained.count)
      verdict = {
        ...verdict,
        ok: false,
        broken: {
          seq: null,
          kind: 'unchained',
          message: `有 ${unchained.count} 条记录未写入哈希链（绕过了应用程序写入，如记录 ${unchained.firstId}）`,
        },
      };
  }
  return {
    ...verdict,
    algorithm,
    anchor: { ...chain.anchor, at: chain.anchorAt },
    message: verdictText(verdict),
  };
}

/**
 * Verify the chain. A retention purge that moves the anchor while the pages are read looks like a gap at the start,
 * so a gap is checked once more from the (new) anchor before it is reported.
 */
export async function checkAuditChain(db: DbOrTx, opts: { pageSize?: number } = {}): Promise<AuditChainCheck> {
  const pageSize = opts.pageSize ?? PAGE;
  const first = await checkOnce(db, pageSize);
  return first.broken?.kind === 'gap' ? checkOnce(db, pageSize) : first;
}
