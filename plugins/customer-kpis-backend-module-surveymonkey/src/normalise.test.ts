import { normaliseResponse, surveyChoices } from './normalise';

// 0–6 detractors (-100), 7–8 passives (0), 9–10 promoters (100).
const NPS_WEIGHTS: Record<number, number> = { 7: 0, 8: 0, 9: 100 };

const details = {
  id: 's1',
  pages: [
    {
      id: 'p1',
      questions: [
        {
          id: 'grid',
          family: 'matrix',
          subtype: 'rating',
          answers: {
            rows: [{ id: 'r1' }, { id: 'r2' }],
            choices: [1, 2, 3, 4, 5].map(w => ({
              id: `g${w}`,
              text: `Label ${w}`,
              weight: w,
            })),
          },
        },
        {
          id: 'nps',
          family: 'matrix',
          subtype: 'rating',
          // Weights that do not tell the options apart (promoter/passive/detractor style): labels decide.
          answers: {
            rows: [{ id: 'nr' }],
            choices: Array.from({ length: 11 }, (_, i) => ({
              id: `n${i}`,
              text: String(i),
              weight: NPS_WEIGHTS[Math.min(i, 9)] ?? -100,
            })),
          },
        },
        {
          id: 'mood',
          family: 'single_choice',
          subtype: 'vertical',
          answers: {
            choices: [
              { id: 'm1', text: 'Happy', weight: 1 },
              { id: 'm2', text: 'Sad', weight: 1 },
            ],
          },
        },
        {
          id: 'multi',
          family: 'multiple_choice',
          subtype: 'vertical',
          answers: {
            choices: [
              { id: 'x1', text: '1' },
              { id: 'x2', text: '2' },
            ],
          },
        },
      ],
    },
  ],
};

describe('normaliseResponse', () => {
  const response = normaliseResponse(
    's1',
    {
      id: 'r',
      date_modified: '2026-11-02T09:00:00',
      custom_variables: { product: 'cart', count: 3 as unknown as string },
      pages: [
        {
          id: 'p1',
          questions: [
            {
              id: 'grid',
              answers: [
                { row_id: 'r1', choice_id: 'g4' },
                { row_id: 'r2', choice_id: 'g2' },
              ],
            },
            { id: 'nps', answers: [{ row_id: 'nr', choice_id: 'n7' }] },
            {
              id: 'mood',
              answers: [
                { choice_id: 'm2' },
                { other_id: 'o', text: 'my words' },
              ],
            },
            {
              id: 'multi',
              answers: [{ choice_id: 'x1' }, { choice_id: 'x2' }],
            },
            { id: 'essay', answers: [{ text: 'free text' }] },
          ],
        },
      ],
    },
    surveyChoices(details),
  );

  it('keys matrix rows by question/row, a one-row matrix also by question, and names choices by id, value and label', () => {
    expect(response.answers).toEqual({
      'grid/r1': { choice: ['g4', '4', 'Label 4'] },
      'grid/r2': { choice: ['g2', '2', 'Label 2'] },
      'nps/nr': { choice: ['n7', '7', '7'] },
      nps: { choice: ['n7', '7', '7'] },
      mood: { choice: ['m2', 'Sad'] },
      multi: null,
    });
  });

  it('reads a date without offset as UTC, custom variables that are text, and never text answers', () => {
    expect(response.submittedAt).toBe('2026-11-02T09:00:00.000Z');
    expect(response.hidden).toEqual({ product: 'cart' });
    expect(JSON.stringify(response)).not.toContain('words');
    expect(JSON.stringify(response)).not.toContain('free text');
  });
});
