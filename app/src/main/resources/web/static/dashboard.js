// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';

  function drawTrend() {
    var holder = document.getElementById('trend-chart');
    var data = document.getElementById('trend-data');
    if (!holder || !data || typeof uPlot === 'undefined') {
      return;
    }
    var t = JSON.parse(data.textContent);
    var xs = t.days.map(function (d) { return Date.parse(d + 'T00:00:00Z') / 1000; });
    var width = function () { return Math.max(260, holder.clientWidth - 2); };
    var chart = new uPlot({
      width: width(), height: 240,
      series: [{}, { label: 'Open', stroke: '#1f5fbf', width: 2 }, { label: 'Overdue', stroke: '#b3261e', width: 2 }],
      axes: [{}, { size: 50 }],
      scales: { x: { time: true } }
    }, [xs, t.open, t.overdue], holder);
    holder.setAttribute('data-drawn', 'true');
    window.addEventListener('resize', function () { chart.setSize({ width: width(), height: 240 }); });
  }

  function selectFindings() {
    var form = document.getElementById('plan-form');
    var all = document.getElementById('select-all');
    var count = document.getElementById('selected-count');
    if (!form || !count) {
      return;
    }
    var boxes = function () { return form.querySelectorAll('input[name=finding]'); };
    var update = function () {
      var n = form.querySelectorAll('input[name=finding]:checked').length;
      count.textContent = n === 0 ? '' : n + ' selected';
    };
    if (all) {
      all.addEventListener('change', function () {
        boxes().forEach(function (b) { b.checked = all.checked; });
        update();
      });
    }
    form.addEventListener('change', update);
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawTrend();
    selectFindings();
  });
})();
