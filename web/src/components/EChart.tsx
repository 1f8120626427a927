// Own wrapper around echarts.init (stack-notes trap 10: echarts-for-react's CJS build breaks under Vite 8).
import { useEffect, useRef, type CSSProperties } from 'react';
import * as echarts from 'echarts';

/** Tests and print set this (or ?noanimation) so screenshots never catch bars mid-animation (trap 12). */
export const chartsAnimated = () => !(window as any).__JIXIAO_NO_ANIMATION__ && !location.search.includes('noanimation');

export function EChart({ option, onClick, style, testId }: { option: echarts.EChartsCoreOption; onClick?: (p: any) => void; style?: CSSProperties; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    const c = echarts.init(el.current!, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => click.current?.(p));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current!);
    return () => { ro.disconnect(); c.dispose(); chart.current = null; };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: chartsAnimated(), ...option }, true);
  }, [option]);
  return <div ref={el} data-testid={testId} style={{ width: '100%', height: 280, ...style }} />;
}
