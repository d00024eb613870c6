/** 人大监督意见、年终总结、考核、满意度测评 (issue 12 §2–§3). Endpoints are added here. */
export const EVALUATE_ENDPOINTS = {} as const;
