// PostgreSQL extensions the migrations create. PGlite ships them as wasm modules that must be
// passed when the database is opened; a PostgreSQL server has them in its contrib package.
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

export const PGLITE_EXTENSIONS = { pg_trgm };
