// Half of the hostile-input suite (suite.ts); the other half runs beside it in the second worker.
import { fuzzSuite } from './suite.js';

fuzzSuite(1);
