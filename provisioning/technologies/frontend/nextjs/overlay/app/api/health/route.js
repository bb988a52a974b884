// Written by Launchpad over create-next-app's output. GET /api/health answers 200 only after a real
// query against the database DATABASE_URL names (200 without a "database" field when there is none),
// 503 with the reason otherwise. The check itself is in lib/database-health.js, which the first page
// also uses when the stack has no backend.
import { checkDatabase } from "../../../lib/database-health.js";

export const dynamic = "force-dynamic";

export async function GET() {
  const result = await checkDatabase();
  return Response.json(result, { status: result.status === "ok" ? 200 : 503 });
}
