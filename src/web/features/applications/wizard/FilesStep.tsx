import type { Application, AttachmentKind } from '../applications.api.js';
import { AttachmentsPanel } from '../AttachmentsPanel.js';

/** Step 材料上传 (establishment): the four required documents and any others, with the server's word on each. */
export function FilesStep({ app, errors }: { app: Application; errors: Partial<Record<AttachmentKind, string>> }) {
  return <AttachmentsPanel app={app} editable required errors={errors} />;
}
