// Everything about factor flows, alliances and indicators, as one router for server/app.ts.
import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { analysisRoutes } from '../analysis/analysis-routes.ts';
import { allianceIndicatorRoutes } from './alliance-indicator-routes.ts';
import { flowsReadRoutes } from './flows-read-routes.ts';
import { writeRoutes } from './write-routes.ts';

export function factorRouter(ctx: AppContext): Router {
  const r = Router();
  r.use(flowsReadRoutes(ctx));
  r.use(analysisRoutes(ctx));
  r.use(allianceIndicatorRoutes(ctx));
  r.use(writeRoutes(ctx));
  return r;
}
