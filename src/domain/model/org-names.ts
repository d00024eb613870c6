/** How governments and offices are named in titles and in the organisation tree (one rule, used by import and export). */

/** 龙华区 / 龙华区人民政府 / 龙华区政府 → 龙华区 (as titles print it). */
export const governmentShortName = (name: string) => name.trim().replace(/(人民)?政府$/, '') || name.trim();

/** The supervision office's default name under a government ("龙华区人民政府督查室"). */
export const defaultOfficeName = (governmentShort: string) => `${governmentShort}人民政府督查室`;
