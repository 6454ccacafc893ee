import { Router } from 'express';
import type { AppContext } from '../context.ts';

export function tilesRouter(_ctx: AppContext): Router {
  return Router();
}
