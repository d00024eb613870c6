/** The JSON `flags` text of a project and the columns derived from it, kept in sync by every writer. */

/** `projects.key_supervision`: 1 when the flags name 人大重点监督 (migration 0002), else 0. */
export const keySupervisionOf = (flags: readonly string[]): 0 | 1 => (flags.includes('key_supervision') ? 1 : 0);
