/** 领导总览、排名、汇总表筛选 (issue 12 §1). Endpoints are added here. */
export const DASHBOARD_ENDPOINTS = {} as const;
