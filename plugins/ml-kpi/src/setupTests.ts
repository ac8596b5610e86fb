import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// A whole test app renders for each test; on a busy machine the first render
// can take longer than the library's 1 s default wait.
configure({ asyncUtilTimeout: 15_000 });
jest.setTimeout(60_000);
