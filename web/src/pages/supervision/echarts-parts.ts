// The parts of Apache ECharts the supervision charts use, and no more: bars, lines and pies on a canvas, with axes,
// tooltips and legends. Loaded on demand (SupervisionChart imports this module lazily), so the tables show at once.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { init };
