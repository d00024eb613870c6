/** The calls of the layout editor, built from the shared contract (src/shared/contract/layouts.ts). */
import type { Layout } from '../../../../src/domain/publish/layouts/schema';
import { API, type ResponseOf } from '../../../../src/shared/contract';
import { call } from '../../api/client';

export type ProgrammeLayouts = ResponseOf<typeof API.programmeLayouts>;
export type ProgrammeLayout = ProgrammeLayouts['layouts'][number];
/** A layout as the server answers it, its definition typed as the layout schema's. */
export type LayoutDetail = Omit<ResponseOf<typeof API.layout>, 'layout'> & { layout: Layout };

export const layoutsApi = {
  list: (programmeId: string) => call(API.programmeLayouts, { params: { id: programmeId } }),
  get: async (layoutId: string, version?: number): Promise<LayoutDetail> =>
    (await call(API.layout, { params: { id: layoutId }, query: version ? { version } : {} })) as LayoutDetail,
  create: async (programmeId: string, basedOn: string, name: string): Promise<LayoutDetail> =>
    (await call(API.createLayout, { params: { id: programmeId }, body: { basedOn, name } })) as LayoutDetail,
  save: async (layoutId: string, baseVersion: number, layout: Layout): Promise<LayoutDetail & { changed: boolean }> =>
    (await call(API.saveLayout, { params: { id: layoutId }, body: { baseVersion, layout } })) as LayoutDetail & {
      changed: boolean;
    },
  archive: (layoutId: string) => call(API.archiveLayout, { params: { id: layoutId }, body: {} }),
  /** The document of a round in a layout not saved yet. */
  preview: (roundId: string, layout: Layout) =>
    call(API.previewUnsavedLayout, { params: { id: roundId }, body: { layout } }),
};
