import { Router } from 'express';
import type { AppContext } from '../context.ts';

export function unitsRouter(_ctx: AppContext): Router {
  return Router();
}
