/** 多个政府的汇总（市、省）(issue 12 §4). Endpoints are added here. */
export const ROLLUP_ENDPOINTS = {} as const;
