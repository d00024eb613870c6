/** 政务公开：发布快照、勘误、公开元数据、公示期意见 (issue 13 §1). Endpoints are added here. */
export const DISCLOSURE_ENDPOINTS = {} as const;
