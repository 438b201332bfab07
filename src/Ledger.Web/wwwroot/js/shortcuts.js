// Single-key shortcuts for the whole window. Which keys exist comes from the server
// (Components/Shared/KeyboardShortcuts.cs), the same list the "?" overlay shows. Keys typed into a field
// or while a dialog is open are left alone; the time-travel keys only act while a time-travel panel is
// on screen, so arrows and Home/End keep scrolling everywhere else.
function focusSearch() {
    const input = document.querySelector('.ledger-search input');
    if (input) {
        input.focus();
        input.select();
    }
}

export function register(dotnet, shortcuts) {
    // Set once the Blazor circuit is live: browser tests (and curious people) can tell a page that
    // only shows prerendered HTML from one whose buttons already reach the server.
    document.documentElement.dataset.ledgerInteractive = 'true';
    const byKey = new Map(shortcuts.filter(s => s.scope !== 'Dialog').map(s => [s.key.length === 1 ? s.key.toLowerCase() : s.key, s]));
    const handler = e => {
        const target = e.target;
        const typing = target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
        if (e.key === 'Escape' && typing && target.closest('.ledger-search')) {
            // Esc leaves the search box for the page, as in a desktop app's search field: focus goes to the
            // main landmark, so the next shortcut (and a dialog's focus restore) starts from the page.
            document.getElementById('main')?.focus();
            return;
        }
        const shortcut = byKey.get(e.key.length === 1 ? e.key.toLowerCase() : e.key);
        if (!shortcut || e.ctrlKey || e.metaKey || e.altKey || typing) {
            return;
        }
        const timeTravel = shortcut.scope === 'TimeTravel';
        if (e.repeat && !timeTravel || document.querySelector('.mud-dialog-container')) {
            return;
        }
        if (timeTravel && !document.querySelector('[data-time-travel]')) {
            return;
        }
        e.preventDefault();
        if (shortcut.id === 'Search') {
            focusSearch();
            return;
        }
        dotnet.invokeMethodAsync('OnShortcut', shortcut.id);
    };
    document.addEventListener('keydown', handler);
    document.addEventListener('keydown', submitOnEnter);
    window.addEventListener('focusin', tooltipOnlyForKeyboardFocus, true);
    return {
        dispose: () => {
            document.removeEventListener('keydown', handler);
            document.removeEventListener('keydown', submitOnEnter);
            window.removeEventListener('focusin', tooltipOnlyForKeyboardFocus, true);
        }
    };
}

// MudTooltip opens on any focus. A closing dialog gives focus back to the button that opened it, so after a
// click the button's tooltip stayed over the page until the mouse happened to pass by. Focus a keyboard user
// can see (:focus-visible: Tab, or Escape out of a dialog) still opens it; the browser decides which is which.
// This runs before Blazor's own listener, so MudTooltip never hears of the other kind.
function tooltipOnlyForKeyboardFocus(e) {
    const target = e.target;
    if (target instanceof Element && target.closest('.mud-tooltip-root') && !target.matches(':focus-visible')) {
        e.stopImmediatePropagation();
    }
}

// Enter in a command dialog's one-line field presses its submit button, as in a desktop form. Not in a
// multi-line field (Enter is a new line there) nor in a suggestion list (Enter picks the suggestion).
function submitOnEnter(e) {
    const target = e.target;
    if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey || e.isComposing
        || !target || target.tagName !== 'INPUT' || target.closest('.mud-autocomplete, .mud-select')) {
        return;
    }
    const dialog = target.closest('.mud-dialog');
    const submit = dialog?.querySelector('.mud-dialog-actions button.mud-button-filled:not([disabled])');
    if (!submit) {
        return;
    }
    e.preventDefault();
    // The field's value reaches the server on 'change'; send it first so the submit reads what was typed.
    target.dispatchEvent(new Event('change', { bubbles: true }));
    submit.click();
}
