import { RecordedLogLine, recordingLogger } from '../testUtils';
import { SecretRedactor } from './SecretRedactor';
import { redactingLogger } from './redactingLogger';

describe('redactingLogger', () => {
  const SECRET = 'prom-secret-token-42';
  const redactor = new SecretRedactor([SECRET]);

  it('redacts messages, metadata, errors and the metadata of children at every level', () => {
    const lines: RecordedLogLine[] = [];
    const logger = redactingLogger(recordingLogger(lines), redactor);
    logger.info(`sent Bearer ${SECRET}`, { header: `Bearer ${SECRET}` });
    logger.warn('w', { nested: { list: [SECRET] } });
    logger.debug(`d ${encodeURIComponent(SECRET)}`);
    logger.error('e', new Error(`echo ${SECRET}`));
    logger.child({ source: SECRET }).info(`child ${SECRET}`);

    expect(JSON.stringify(lines)).not.toContain(SECRET);
    expect(lines.map(l => [l.level, l.message])).toEqual([
      ['info', 'sent Bearer ***'],
      ['warn', 'w'],
      ['debug', 'd ***'],
      ['error', 'e'],
      ['info', 'child ***'],
    ]);
    expect(lines[0].meta).toEqual({ header: 'Bearer ***' });
    expect(lines[1].meta).toEqual({ nested: { list: ['***'] } });
    expect((lines[3].meta as Error).message).toBe('echo ***');
    expect(lines[4].meta).toEqual({ source: '***' });
  });
});
