import path from 'node:path';
import { DIST } from '../support/project-paths';
import { runNode } from '../support/run-node';

describe('npm run chat', () => {
  it('welcomes, answers, clicks a numbered button and redacts a CPR number', async () => {
    const input = ['jeg har mistet mit pas', '1', 'mit cpr er 010190-1234', 'hvad bliver vejret i morgen', ''].join(
      '\n',
    );
    const result = await runNode(path.join(DIST, 'bot', 'terminal-chat.js'), [], {
      input,
      env: { LOG_LEVEL: 'silent' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/virtuelle assistent/);
    expect(result.stdout).toMatch(/Hjalp svaret\?/);
    expect(result.stdout).toMatch(/Tak for din tilbagemelding/); // "1" clicked 👍
    expect(result.stdout).toMatch(/fjernet et CPR-nummer/);
    expect(result.stdout).not.toMatch(/010190/);
    expect(result.stdout).toMatch(/Tal med en medarbejder/);
  }, 90_000);
});
