/** The layout model lives in shared/ (validated by the API and the browser's editor); the domain composes from it. */
export * from '../../../shared/layout-schema';
