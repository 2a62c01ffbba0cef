// route: accepted when every field and figure is confidently right, needs_review otherwise.
// The same rule runs again after each review decision (DocumentsRepository.refreshStatus).
import { defineStage, done } from '../stage.js';

export const routeStage = defineStage({
  name: 'route',
  needs: [],
  gives: [],
  async run(ctx, doc) {
    ctx.repo.refreshStatus(doc.row.id);
    return done();
  },
});
