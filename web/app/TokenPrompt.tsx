import { useState } from "react";

/** Asked once per tab when the server requires a token; kept in sessionStorage only. */
export function TokenPrompt({ onSubmit, failed }: { onSubmit: (token: string) => void; failed: boolean }) {
  const [value, setValue] = useState("");
  return (
    <div className="modal-backdrop">
      <form
        className="modal token"
        role="dialog"
        aria-label="输入访问令牌"
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) onSubmit(value.trim());
        }}
      >
        <header className="modal-head"><h2>需要访问令牌</h2></header>
        <div className="modal-body">
          <p>此服务设置了访问令牌。请向管理员索取并输入，令牌只保存在本标签页中。</p>
          {failed ? <p className="error-note" role="alert">令牌不正确，请重新输入。</p> : null}
          <input type="password" aria-label="访问令牌" autoFocus value={value} onChange={(e) => setValue(e.target.value)} />
          <div className="row"><button type="submit" className="primary">确定</button></div>
        </div>
      </form>
    </div>
  );
}
