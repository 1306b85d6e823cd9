// The part of ServiceNow's encoded-query language the fake instance understands: ^ (AND), ^OR, ^NQ, ORDERBY(DESC),
// the comparison operators, IN, ISEMPTY and ISNOTEMPTY, on raw values and dot-walked fields.

type Condition = { field: string; operator: string; value: string };
/** ^NQ groups of ANDed terms, each term an ^OR list of conditions. */
type Query = {
  groups: Condition[][][];
  orderBy: { field: string; desc: boolean }[];
};

const CONDITION =
  /^([a-z0-9_.]+?)(>=|<=|!=|=|>|<|NOT IN|IN|ISEMPTY|ISNOTEMPTY)(.*)$/;

export function parseEncodedQuery(query: string): Query {
  const orderBy: Query['orderBy'] = [];
  const groups = query.split('^NQ').map(group => {
    const terms: Condition[][] = [];
    for (const part of group.split('^').filter(Boolean)) {
      if (part.startsWith('ORDERBYDESC')) {
        orderBy.push({ field: part.slice(11), desc: true });
        continue;
      }
      if (part.startsWith('ORDERBY')) {
        orderBy.push({ field: part.slice(7), desc: false });
        continue;
      }
      const isOr = part.startsWith('OR') && terms.length > 0;
      const match = CONDITION.exec(isOr ? part.slice(2) : part);
      if (!match) {
        throw new Error(`unsupported condition ${part}`);
      }
      const condition = {
        field: match[1],
        operator: match[2],
        value: match[3],
      };
      if (isOr) {
        terms[terms.length - 1].push(condition);
      } else {
        terms.push([condition]);
      }
    }
    return terms;
  });
  return { groups, orderBy };
}

function holds(actual: string, { operator, value }: Condition): boolean {
  switch (operator) {
    case '=':
      return actual === value;
    case '!=':
      return actual !== value;
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case 'IN':
      return value.split(',').includes(actual);
    case 'NOT IN':
      return !value.split(',').includes(actual);
    case 'ISEMPTY':
      return actual === '';
    default:
      return actual !== '';
  }
}

/** Whether a record (read through `valueOf`, dot-walking included) matches the query. */
export function matches(
  query: Query,
  valueOf: (field: string) => string | undefined,
): boolean {
  return query.groups.some(terms =>
    terms.every(anyOf =>
      anyOf.some(condition => holds(valueOf(condition.field) ?? '', condition)),
    ),
  );
}
