import { Entity } from '@backstage/catalog-model';
import { annotationValue, entitiesByAnnotation, entityRefOf } from './entities';

function component(name: string, annotations: Record<string, string> = {}) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
    spec: {},
  } as Entity;
}

describe('entity helpers', () => {
  it('reads a trimmed annotation and treats blank as absent', () => {
    expect(
      annotationValue(component('a', { 'x.io/k': ' 42 ' }), 'x.io/k'),
    ).toBe('42');
    expect(
      annotationValue(component('a', { 'x.io/k': '  ' }), 'x.io/k'),
    ).toBeUndefined();
    expect(annotationValue(component('a'), 'x.io/k')).toBeUndefined();
  });

  it('gives the normalised entity ref', () => {
    expect(entityRefOf(component('Checkout'))).toBe(
      'component:default/checkout',
    );
  });

  it('groups entities by annotation value, leaving out the unbound', () => {
    const [a, b, c] = [
      component('a', { 'x.io/k': '1' }),
      component('b', { 'x.io/k': '1' }),
      component('c'),
    ];
    expect(entitiesByAnnotation([a, b, c], 'x.io/k')).toEqual(
      new Map([['1', [a, b]]]),
    );
  });
});
