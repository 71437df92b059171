<#-- signup.pool (en), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Lottery signup received: ${(course.name)!""}</#assign>
<@t.hello/>

We have received your signup for the course <@t.coursePhrase c=course!{}/>. It takes part in the lottery: the <#if (course.seats)??>${course.seats} </#if>seats are drawn by lot among all signups when the signup phase ends<#if drawAtText??> on ${drawAtText}</#if>. We will tell you the result by e-mail.

<@t.courseFacts/>

<@t.feeLine/>

<@t.statusLink/>

<@t.footer/>
