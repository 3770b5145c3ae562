import { createHash } from 'node:crypto';
import { printableDocuments } from '../../../shared/contract/print';
import { can } from '../../../shared/domain/roles';
import { err, ok } from '../../../shared/result';
import { defineHandlers } from '../context';

export const printHandlers = defineHandlers({
  async 'print.pdf'({ document, suggestedName, landscape, to }, ctx) {
    if (!ctx.user || !can(ctx.user.role, printableDocuments[document])) return err('forbidden', 'error.forbidden');
    const facility = await ctx.q.facility.get();
    if (!facility) return err('not_found', 'setup.needed');
    await ctx.issuePrintJob(document);
    ctx.audit({ entity: 'print', entityId: null, after: { document, suggestedName, to } });
    return ok({ document, pageSize: facility.paperSize, landscape, suggestedName, to, saved: false, file: null });
  },

  async 'print.finished'({ job, saved }, ctx) {
    const done = await ctx.q.printJobs.finish(createHash('sha256').update(job).digest('hex'), saved, ctx.nowIso);
    if (!done) return err('not_found', 'privacy.printJobUnknown');
    // Whether it was saved, never where: a chosen file name can carry a resident's name. Recorded
    // for the person who printed, whoever (if anyone) is signed in by now.
    ctx.audit({ entity: 'print', entityId: null, userId: done.userId, after: { document: done.document, saved } });
    return ok({});
  },
});
