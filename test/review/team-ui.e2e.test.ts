// The review queue for a team (issue 17) in real headless Chromium on a SQLite file (the scenes
// are in team-scenarios.ts; pg-review.e2e.test.ts runs them on PostgreSQL).
import { seedReviewDb } from './fixture.js';
import { describeTeamReview } from './team-scenarios.js';

describeTeamReview('a review team in Chromium', () => seedReviewDb());
