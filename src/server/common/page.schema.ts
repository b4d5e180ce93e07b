// Schemas shared by several route modules. Shapes only (zod and nothing server-side), so the web app
// may import them with the other *.schema.ts files.
import { z } from 'zod';

/** Common query schema for paginated lists. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
