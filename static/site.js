/* Quick exit ("Exit this page"), following the GOV.UK Design System behaviour:
   - click the button, or press Shift three times (each within 5 seconds of the last);
   - Shift held for capitals does not count; any other key resets the count;
   - the page is blanked at once, the title cleared, and location.replace() leaves. That
     replaces only the current page in the tab's history: Back does not return to it, but
     earlier pages of this site stay in Back and in the browser's History list.
   The link works on its own without JavaScript. */
(function () {
  'use strict';
  var module = document.querySelector('[data-module="exit-this-page"]');
  if (!module || !window.location.replace) { return; }
  var button = module.querySelector('a');
  var exitUrl = button.getAttribute('href');
  var presses = 0;
  var timer = null;
  var lastKeyWasModified = false;
  var TIMEOUT = 5000;

  var indicator = document.createElement('div');
  indicator.className = 'exit-this-page__indicator';
  indicator.setAttribute('aria-hidden', 'true');
  for (var i = 0; i < 3; i++) {
    var dot = document.createElement('span');
    dot.className = 'exit-this-page__dot';
    indicator.appendChild(dot);
  }
  module.appendChild(indicator);
  var live = document.createElement('div');
  live.className = 'visually-hidden';
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  module.appendChild(live);

  function updateIndicator() {
    var dots = indicator.children;
    for (var i = 0; i < dots.length; i++) {
      dots[i].classList.toggle('exit-this-page__dot--on', i < presses);
    }
    indicator.classList.toggle('exit-this-page__indicator--visible', presses > 0);
    if (presses === 1) { live.textContent = module.getAttribute('data-i18n-pressed-one'); }
    else if (presses === 2) { live.textContent = module.getAttribute('data-i18n-pressed-two'); }
  }

  function reset(announce) {
    if (timer) { clearTimeout(timer); timer = null; }
    if (announce && presses > 0) { live.textContent = module.getAttribute('data-i18n-timed-out'); }
    presses = 0;
    updateIndicator();
  }

  function exitPage(event) {
    if (event) { event.preventDefault(); }
    var overlay = document.createElement('div');
    overlay.className = 'exit-overlay';
    overlay.setAttribute('role', 'alert');
    overlay.textContent = module.getAttribute('data-i18n-activated');
    document.body.appendChild(overlay);
    document.documentElement.classList.add('exiting');
    document.title = '';
    window.location.replace(exitUrl);
  }

  function onKeyUp(event) {
    var isShift = event.key === 'Shift' || event.keyCode === 16;
    if (isShift && !lastKeyWasModified) {
      presses += 1;
      updateIndicator();
      if (timer) { clearTimeout(timer); }
      if (presses >= 3) {
        presses = 0;
        exitPage();
        return;
      }
      timer = setTimeout(function () { reset(true); }, TIMEOUT);
    } else if (!isShift && presses > 0) {
      reset(false);
    }
    lastKeyWasModified = !isShift && event.shiftKey;
  }

  button.addEventListener('click', exitPage);
  document.addEventListener('keyup', onKeyUp, true);
  // Coming back from the back/forward cache: show the page again.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      document.documentElement.classList.remove('exiting');
      var overlay = document.querySelector('.exit-overlay');
      if (overlay) { overlay.parentNode.removeChild(overlay); }
      reset(false);
    }
  });
}());
