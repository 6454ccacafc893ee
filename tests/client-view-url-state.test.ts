import { describe, expect, it } from 'vitest';
import { writeFlowHash, readFlowHash, type FlowUrlState } from '../client/src/data/url-state.ts';
import { codeParam, formatCamera, parseCamera, readViewHash, shortCodeParam, writeViewHash } from '../client/src/data/view-url-state.ts';

describe('the view (camera, drill scope, selection) in the URL hash', () => {
  it('round-trips camera, drill and selection, writing short codes', () => {
    const state = { camera: { zoom: 10.5, lat: 27.56, lon: 119.71 }, drill: '330329000000', selection: '330329100000' };
    const hash = writeViewHash('', state);
    expect(hash).toBe('#view=10.5/27.56/119.71&drill=330329&sel=330329100');
    expect(readViewHash(hash)).toEqual(state);
  });

  it('keeps every other key (the flow filters) and leaves the camera alone unless given one', () => {
    const hash = writeViewHash('#view=9/27.9/120.3&factors=land&alliances=0', { drill: '330329000000', selection: null });
    expect(hash).toBe('#view=9/27.9/120.3&factors=land&alliances=0&drill=330329');
    expect(writeViewHash(hash, { drill: null, selection: null })).toBe('#view=9/27.9/120.3&factors=land&alliances=0');
    expect(writeViewHash('#view=9/27.9/120.3', { camera: null, drill: null, selection: null })).toBe('');
  });

  it('composes with the flow filters in either order', () => {
    const defaults: FlowUrlState = { factors: ['land', 'labour'], bases: ['observed', 'documented'], minMagnitude: 0, alliances: true, balance: null, perResident: false };
    const flows: FlowUrlState = { ...defaults, factors: ['land'], minMagnitude: 5 };
    const view = { camera: { zoom: 11, lat: 27.5, lon: 119.9 }, drill: '330329100000', selection: '330329100201' };
    const a = writeFlowHash(writeViewHash('', view), flows, defaults);
    const b = writeViewHash(writeFlowHash('', flows, defaults), view);
    for (const hash of [a, b]) {
      expect(readViewHash(hash)).toEqual(view);
      expect(readFlowHash(hash, defaults, { factors: defaults.factors, measures: [] })).toEqual(flows);
    }
  });

  it('reads MapLibre’s own camera format, bearing and pitch included', () => {
    expect(parseCamera('8.03/27.833/120.445')).toEqual({ zoom: 8.03, lat: 27.833, lon: 120.445 });
    expect(parseCamera('8/27.8/120.4/0/0')).toEqual({ zoom: 8, lat: 27.8, lon: 120.4 });
  });

  it('drops hostile or impossible values instead of throwing', () => {
    const hostile = [
      '#view=NaN/1/2&drill=abc&sel=<script>',
      '#view=99/27/120&drill=3303290000001&sel=33032',
      '#view=8/91/120&drill=000000&sel=990000',
      '#view=8/27/181&drill=%00&sel=330329%0A',
      '#view=1e3/2/3&drill=-330329&sel=330329.0',
      '#view=8/27/120/0/0/0&drill=&sel=',
      '#view=' + '9'.repeat(5000),
    ];
    for (const h of hostile) expect(readViewHash(h)).toEqual({ camera: null, drill: null, selection: null });
    expect(readViewHash('#%E0%A4%A')).toEqual({ camera: null, drill: null, selection: null });
  });

  it('formats the camera with MapLibre’s precision, so its own hash and ours agree', () => {
    expect(formatCamera({ zoom: 8.034171, lat: 27.83333333, lon: 120.4449999 })).toBe('8.03/27.833/120.445');
    expect(formatCamera({ zoom: 2, lat: 27.83333333, lon: 120.4449999 })).toBe('2/27.83/120.44');
  });

  it('normalises codes to 12 digits and back to their short form', () => {
    expect(codeParam('330329')).toBe('330329000000');
    expect(codeParam('330329100')).toBe('330329100000');
    expect(codeParam('330329100201')).toBe('330329100201');
    expect(codeParam('3303')).toBeNull();
    expect(shortCodeParam('330000000000')).toBe('330000');
    expect(shortCodeParam('330329100201')).toBe('330329100201');
  });
});
