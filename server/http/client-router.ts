import { Router } from 'express';
import type { AppContext } from '../context.ts';

export function clientRouter(_ctx: AppContext): Router {
  return Router();
}
