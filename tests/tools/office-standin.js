// A stand-in for Office.js in the browser, served in place of https://appsforoffice.microsoft.com/lib/1/hosted/office.js
// by outlook-pane-check.js. It models what the task pane uses of Outlook's Mailbox API for one open item, configured
// by window.__OFFICE_ITEM__ (set before the page loads):
//   { mode: 'read'|'compose', itemType, itemClass, itemId (EWS form), subject, start (ISO), user, saved, displayLanguage }
// convertToRestId turns the EWS id's base64 alphabet into the URL-safe one, as Exchange does for REST/Graph ids.
(function () {
  'use strict';
  var cfg = window.__OFFICE_ITEM__ || {};
  var start = cfg.start ? new Date(cfg.start) : null;
  function ok(value) { return function (callback) { setTimeout(function () { callback({ status: 'succeeded', value: value }); }, 0); }; }
  var item;
  if (cfg.mode === 'compose') {
    item = {
      itemType: cfg.itemType || 'appointment',
      subject: { getAsync: ok(cfg.subject || '') },
      start: { getAsync: ok(start) },
      getItemIdAsync: function (callback) {
        setTimeout(function () {
          callback(cfg.saved
            ? { status: 'succeeded', value: cfg.itemId }
            : { status: 'failed', error: { name: 'ItemNotSaved', code: 9050, message: 'The item has not been saved yet.' } });
        }, 0);
      },
    };
  } else if (cfg.mode === 'read') {
    item = { itemType: cfg.itemType || 'appointment', itemClass: cfg.itemClass, itemId: cfg.itemId, subject: cfg.subject, start: start };
  } else {
    item = null;
  }
  window.__officeCalls__ = [];
  window.Office = {
    HostType: { Outlook: 'Outlook' },
    EventType: { ItemChanged: 'olkItemSelectedChanged' },
    MailboxEnums: { ItemType: { Appointment: 'appointment', Message: 'message' }, RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' } },
    context: {
      displayLanguage: cfg.displayLanguage || 'en-GB',
      // The dialog API's side in a dialog page (signin.html): what it sends the pane, recorded and, when the check
      // exposes one, handed to window.__messageParent__ (which survives the page's redirects).
      ui: {
        messageParent: function (message) {
          window.__officeCalls__.push(['messageParent', message]);
          if (typeof window.__messageParent__ === 'function') window.__messageParent__(message);
        },
      },
      requirements: { isSetSupported: function (name, version) { return name === 'Mailbox' ? parseFloat(version) <= 1.14 : name === 'NestedAppAuth'; } },
      mailbox: {
        item: item,
        diagnostics: { hostName: 'OutlookWebApp', hostVersion: '16.0' },
        userProfile: { emailAddress: cfg.user, displayName: cfg.user },
        convertToRestId: function (id, version) {
          window.__officeCalls__.push(['convertToRestId', id, version]);
          return String(id).replace(/\//g, '-').replace(/\+/g, '_');
        },
        addHandlerAsync: function (type, handler, callback) { if (callback) callback({ status: 'succeeded' }); },
      },
    },
    onReady: function (callback) {
      var info = { host: 'Outlook', platform: 'OfficeOnline' };
      var run = function () { if (callback) callback(info); };
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run); else setTimeout(run, 0);
      return Promise.resolve(info);
    },
  };
})();
